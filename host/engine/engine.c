/*
 * engine.c - the process pool that runs rules (see engine.h). Each rule runs
 * in a fresh child process (child.h): the registry connection opened here is
 * inherited, the child drops its privileges (jail.h), then in a new sandbox
 * loads the rule file again, pushes params and ctx and calls check(ctx,
 * params) under the budgets (the SQLite progress handler enforces the wall
 * clock inside long statements); it sends its findings, its log lines and
 * how it ended as records (wire.h). This process validates every record,
 * kills a child past its time, and keeps a rule's findings only when its
 * child ended well.
 */
#include "engine/engine.h"
#include "base/array.h"
#include "base/text.h"
#include "base/error.h"
#include "base/json.h"
#include "engine/child.h"
#include "engine/lctx.h"
#include "engine/source.h"
#include "engine/wire.h"
#include "registry/registry_ro.h"
#include "registry/schema.h"

#include <lauxlib.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_RECORD (8u << 20)  /* largest record a child may send */
#define MAX_ENTITY 512
#define MAX_EVIDENCE (1 << 20)
/* Largest registry mapped whole before the children start: any size a
 * 64-bit address space holds (the map costs address space, not memory). */
#define IMAGE_MAX SIZE_MAX

struct slot {
	struct hk_finding *findings;
	size_t n, cap;
};

struct pool {
	const struct hk_engine_job *jobs;
	size_t n;
	const struct hk_engine_opts *opts;
	sqlite3 *db;                 /* inherited by every child */
	struct hk_registry_image img; /* the registry mapped, shared with them */
	struct hk_child_opts co;
	struct slot *slots;
	struct hk_rule_result *results;
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
	hk_pack_params_push(L, r->job->params, r->job->nparams);
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

/* ---- in the child ------------------------------------------------------ */

struct child_arg {
	struct pool *pl;
	size_t i;
};

static void send_log(void *ud, const char *line, size_t len)
{
	hk_wire_put(ud, 'L', line, len);
}

/* Sends the findings of ctx as 'F' records: entity, message, severity,
 * evidence, English message ("" when none) (rule, category and id are the
 * parent's to fill). */
static void send_findings(struct hk_wire *w, const struct hk_lctx *ctx)
{
	hk_buf p = HK_BUF_INIT;

	for (size_t k = 0; k < ctx->nfindings && !w->err; k++) {
		const struct hk_finding *f = &ctx->findings[k];
		p.len = 0;
		if (hk_wire_field(&p, f->entity, strlen(f->entity)) || hk_wire_field(&p, f->message, strlen(f->message)) ||
		    hk_wire_field(&p, f->severity, strlen(f->severity)) ||
		    hk_wire_field(&p, f->evidence_json, strlen(f->evidence_json)) ||
		    hk_wire_field(&p, f->message_en ? f->message_en : "", f->message_en ? strlen(f->message_en) : 0)) {
			w->err = 1;
			break;
		}
		hk_wire_put(w, 'F', p.ptr, p.len);
	}
	hk_buf_free(&p);
}

/* With --explain/--profile: sends ctx's query stats as 'Q' records (SQL
 * text, calls, rows, microseconds), by first use. */
static void send_queries(struct hk_wire *w, const struct hk_lctx *ctx)
{
	hk_buf p = HK_BUF_INIT;

	for (size_t k = 0; k < ctx->nqueries && !w->err; k++) {
		const struct hk_query_stat *q = ctx->queries[k];
		p.len = 0;
		if (hk_wire_field(&p, q->sql, strlen(q->sql)) || hk_wire_field_u64(&p, (uint64_t)q->calls) ||
		    hk_wire_field_u64(&p, (uint64_t)q->rows) ||
		    hk_wire_field_u64(&p, (uint64_t)(q->seconds > 0 ? q->seconds * 1e6 : 0))) {
			w->err = 1;
			break;
		}
		hk_wire_put(w, 'Q', p.ptr, p.len);
	}
	hk_buf_free(&p);
}

/* Runs rule i in this (child) process; the records go to fd. */
static int rule_child(void *arg, int fd)
{
	struct child_arg *a = arg;
	struct pool *pl = a->pl;
	const struct hk_engine_job *job = &pl->jobs[a->i];
	const struct hk_engine_opts *o = pl->opts;
	struct hk_wire w = {fd, HK_BUF_INIT, 0};
	struct hk_lctx ctx;
	struct run r = {job, &ctx, NULL};
	hk_buf p = HK_BUF_INIT;
	char *error = NULL;
	int err;

	hk_source_seal();
	hk_sandbox_log_to(send_log, &w);
	err = hk_sandbox_new(&r.sb, &o->limits, o->lib_dir, o->plugins_dir, job->rule->id);
	if (err) {
		hk_wire_put(&w, 'E', hk_error_last(), strlen(hk_error_last()));
		hk_wire_flush(&w);
		return 0;
	}
	hk_lctx_init(&ctx, pl->db, job->rule, o->as_of, r.sb);
	ctx.profile = o->profile;
	hk_sandbox_start(r.sb);
	sqlite3_progress_handler(pl->db, 1000, progress_cb, r.sb);
	lua_pushcfunction(hk_sandbox_lua(r.sb), run_protected);
	lua_pushlightuserdata(hk_sandbox_lua(r.sb), &r);
	err = hk_sandbox_pcall(r.sb, 1, 0);
	ctx.closed = 1;
	if (err) {
		const char *msg = hk_error_last();
		/* Errors without a position (a refused allocation) name the file. */
		const char *tb = hk_sandbox_traceback(r.sb);
		/* a traceback only when it says more than the one line */
		if (!strchr(tb + (*tb ? 1 : 0), '\n'))
			tb = "";
		if (strstr(msg, ".lua:") ? asprintf(&error, "%s%s%s", msg, *tb ? "\nstack traceback:" : "", tb) < 0
					 : asprintf(&error, "%s: %s%s%s", job->rule->path, msg,
						    *tb ? "\nstack traceback:" : "", tb) < 0)
			error = strdup(msg);
	}
	/* Finalizers run here, before the statements go; one that exceeds a
	 * budget fails the rule too. */
	if (hk_sandbox_close(r.sb) != HK_STOP_NONE && !err) {
		err = HK_EINPUT;
		error = strdup("a finalizer (__gc) exceeded a budget after check() returned");
	}
	if (err)
		hk_wire_put(&w, 'E', error ? error : "out of memory", strlen(error ? error : "out of memory"));
	else
		send_findings(&w, &ctx);
	send_queries(&w, &ctx);
	if (hk_wire_field_u64(&p, (uint64_t)hk_sandbox_instructions(r.sb)) == 0)
		hk_wire_put(&w, 'D', p.ptr, p.len);
	hk_wire_flush(&w);
	return w.err ? 1 : 0;
}

/* ---- in the parent ------------------------------------------------------ */

/* Why a finding sent by a child is not one rule r may report, or NULL. */
static const char *bad_finding(const struct hk_rule *r, const char *ent, size_t elen, const char *msg, size_t mlen,
			       const char *sev, size_t slen, const char *ev, size_t evlen)
{
	hk_json *j = NULL;
	int ok = 0;

	if (elen > MAX_ENTITY || !hk_pack_entity_ok(r->entity, ent, elen))
		return "an entity that is not a key of the rule's entity kind";
	for (size_t i = 0; i < elen; i++)
		if ((unsigned char)ent[i] < 32 || ent[i] == 127)
			return "an entity with a control character";
	if (hk_text_utf8_invalid(ent, elen) < elen)
		return "an entity that is not UTF-8";
	if (!mlen || memchr(msg, 0, mlen) || hk_text_utf8_invalid(msg, mlen) < mlen)
		return "a message that is empty, not UTF-8 or holds a NUL";
	for (int i = 0; hk_pack_severities[i] && !ok; i++)
		ok = strlen(hk_pack_severities[i]) == slen && memcmp(hk_pack_severities[i], sev, slen) == 0;
	if (!ok)
		return "an unknown severity";
	if (evlen > MAX_EVIDENCE || memchr(ev, 0, evlen) || hk_json_parse(&j, ev, evlen) != 0 ||
	    hk_json_type_of(j) != HK_JSON_OBJECT) {
		hk_json_free(j);
		return "evidence that is not a JSON object";
	}
	hk_json_free(j);
	return NULL;
}

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* Adds the finding of an 'F' record to slot; returns NULL or what is wrong. */
static const char *take_finding(struct slot *sl, const struct hk_rule *r, const struct hk_wire_rec *rec)
{
	const char *f[5];
	size_t fl[5], pos = 0;
	struct hk_finding *x;
	const char *why;

	for (int k = 0; k < 5; k++)
		if (hk_wire_get(&f[k], &fl[k], rec->p, rec->n, &pos) != 1)
			return "a finding record with fewer than 5 fields";
	if (pos != rec->n)
		return "a finding record with more than 5 fields";
	if ((why = bad_finding(r, f[0], fl[0], f[1], fl[1], f[2], fl[2], f[3], fl[3])) != NULL)
		return why;
	if (fl[4] && (memchr(f[4], 0, fl[4]) || hk_text_utf8_invalid(f[4], fl[4]) < fl[4]))
		return "an English message that is not UTF-8 or holds a NUL";
	if (sl->n == sl->cap) {
		size_t cap = sl->cap ? sl->cap * 2 : 64;
		struct hk_finding *v = realloc(sl->findings, cap * sizeof(*v));
		if (!v)
			return "out of memory";
		sl->findings = v;
		sl->cap = cap;
	}
	x = &sl->findings[sl->n];
	memset(x, 0, sizeof(*x));
	x->entity = dup_n(f[0], fl[0]);
	x->message = dup_n(f[1], fl[1]);
	x->severity = dup_n(f[2], fl[2]);
	x->evidence_json = dup_n(f[3], fl[3]);
	x->message_en = fl[4] ? dup_n(f[4], fl[4]) : NULL;
	x->rule = strdup(r->id);
	x->category = strdup(r->category);
	sl->n++;
	if (!x->entity || !x->message || !x->severity || !x->evidence_json || !x->rule || !x->category ||
	    (fl[4] && !x->message_en))
		return "out of memory";
	hk_finding_id(x->id, r->id, x->entity);
	return NULL;
}

/* Adds the query stat of a 'Q' record to res; returns NULL or what is wrong. */
static const char *take_query(struct hk_rule_result *res, const struct hk_wire_rec *rec)
{
	const char *sql;
	size_t sqllen, pos = 0;
	uint64_t calls, rows, us;
	struct hk_query_stat *q;

	if (hk_wire_get(&sql, &sqllen, rec->p, rec->n, &pos) != 1 || hk_wire_get_u64(&calls, rec->p, rec->n, &pos) != 1 ||
	    hk_wire_get_u64(&rows, rec->p, rec->n, &pos) != 1 || hk_wire_get_u64(&us, rec->p, rec->n, &pos) != 1 ||
	    pos != rec->n)
		return "a bad query record";
	if (!sqllen || memchr(sql, 0, sqllen) || hk_text_utf8_invalid(sql, sqllen) < sqllen || calls > INT64_MAX ||
	    rows > INT64_MAX)
		return "a bad query record";
	if (HK_ARRAY_GROW(res->queries, res->queries_cap, res->nqueries + 1) != 0)
		return "out of memory";
	q = &res->queries[res->nqueries];
	if (!(q->sql = dup_n(sql, sqllen)))
		return "out of memory";
	q->calls = (long long)calls;
	q->rows = (long long)rows;
	q->seconds = (double)us / 1e6;
	res->nqueries++;
	return NULL;
}

static int cmp_entity(const void *a, const void *b)
{
	return strcmp(((const struct hk_finding *)a)->entity, ((const struct hk_finding *)b)->entity);
}

static void slot_clear(struct slot *sl)
{
	for (size_t j = 0; j < sl->n; j++)
		hk_finding_clear(&sl->findings[j]);
	free(sl->findings);
	memset(sl, 0, sizeof(*sl));
}

/* Reads what rule i's child sent and how it ended into its result. */
static void finish(struct pool *pl, size_t i, struct hk_child *c)
{
	const struct hk_engine_job *job = &pl->jobs[i];
	struct hk_rule_result *res = &pl->results[i];
	struct slot *sl = &pl->slots[i];
	struct hk_wire_rec rec;
	size_t pos = 0, nlog = 0;
	const char *bad = NULL;
	char *error = NULL, fate[300];
	int k, done = 0;

	res->rule = job->rule;
	res->seconds = now_seconds() - c->start;
	res->cpu_seconds = c->cpu;
	while (!bad && (k = hk_wire_next(&rec, c->out.ptr, c->out.len, &pos, MAX_RECORD)) != 0) {
		if (k < 0 || done) {
			bad = k < 0 ? "a truncated or oversized record" : "records after the end";
			break;
		}
		if ((k = hk_child_common_record(&rec, &nlog)) != 0) {
			if (k < 0)
				bad = "too many or too long log lines";
			continue;
		}
		switch (rec.tag) {
		case 'F':
			if (error)
				bad = "a finding after an error";
			else
				bad = take_finding(sl, job->rule, &rec);
			break;
		case 'Q':
			bad = take_query(res, &rec);
			break;
		case 'E':
			if (error || rec.n > 65536 || memchr(rec.p, 0, rec.n))
				bad = "a bad error record";
			else if (!(error = dup_n(rec.p, rec.n)))
				bad = "out of memory";
			break;
		case 'D': {
			uint64_t n = 0;
			size_t fp = 0;
			if (hk_wire_get_u64(&n, rec.p, rec.n, &fp) != 1 || fp != rec.n)
				bad = "a bad end record";
			res->instructions = (long long)(n > INT64_MAX ? INT64_MAX : n);
			done = 1;
			break;
		}
		default:
			bad = "an unknown record";
		}
	}
	if (!bad && sl->n > 1) {
		qsort(sl->findings, sl->n, sizeof(*sl->findings), cmp_entity);
		for (size_t j = 1; j < sl->n && !bad; j++)
			if (strcmp(sl->findings[j].entity, sl->findings[j - 1].entity) == 0)
				bad = "the same entity twice";
	}
	if (hk_child_fate(c, &pl->co, fate, sizeof(fate))) {
		res->failed = 1;
		if (asprintf(&res->error, "%s: %s", job->rule->path, fate) < 0)
			res->error = NULL;
	} else if (bad || !done) {
		res->failed = 1;
		if (asprintf(&res->error, "%s: its process sent malformed output (%s, at byte %zu of %zu): its "
			     "findings are dropped", job->rule->path, bad ? bad : "no end record", pos,
			     c->out.len) < 0)
			res->error = NULL;
	} else if (error) {
		res->failed = 1;
		res->error = error;
		error = NULL;
	}
	if (res->failed) {
		if (!res->error)
			res->error = strdup("out of memory");
		slot_clear(sl);
	}
	res->nfindings = sl->n;
	free(error);
	pl->done++;
	pl->nfound += res->nfindings;
	if (pl->opts->progress) {
		fprintf(stderr, "\rhuikan run: %zu/%zu rules done, %zu findings\033[K", pl->done, pl->n, pl->nfound);
		fflush(stderr);
	}
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
	struct hk_child *kids = NULL, **running = NULL;
	struct child_arg *args = NULL;
	size_t nw = opts->jobs < 1 ? 1 : (size_t)opts->jobs, total = 0, k = 0, next = 0, active = 0;
	double t0 = now_seconds();
	struct stat st;
	int err;

	memset(out, 0, sizeof(*out));
	if (nw > 256)
		nw = 256;
	/* One connection, opened (and checked: a bad db is one clear error, not
	 * one per rule) before any child: each child inherits it with the
	 * schema read and the file mapped, and can open nothing itself. */
	/* The file is mapped shared first: the children read its pages from
	 * the page cache with no copy, and no SQLite writer changes it until
	 * the run is over (hk_registry_ro_open_image). */
	if ((err = hk_registry_ro_open_image(&pl.db, &pl.img, opts->db_path, IMAGE_MAX)) != 0)
		return err;
	if ((err = hk_schema_check(pl.db, opts->db_path)) != 0)
		goto cleanup;
	err = HK_EINTERNAL;
	if (nw > n)
		nw = n ? n : 1;
	pl.jobs = jobs;
	pl.n = n;
	pl.opts = opts;
	hk_child_budget(&pl.co, &opts->limits);
	if (!pl.img.map && stat(opts->db_path, &st) == 0) { /* SQLite reads the file itself */
		pl.co.keep_dev = st.st_dev;
		pl.co.keep_ino = st.st_ino;
	}
	/* What the rules may load, read before the children (source.h). */
	if ((opts->lib_dir && hk_source_add_dir(opts->lib_dir, opts->lib_dir) != 0) ||
	    (opts->plugins_dir && hk_source_add_dir(opts->plugins_dir, opts->plugins_dir) != 0))
		goto cleanup;
	for (size_t i = 0; i < n; i++)
		if (hk_source_add(jobs[i].rule->path, NULL) == HK_EINTERNAL)
			goto cleanup;
	pl.slots = calloc(n ? n : 1, sizeof(*pl.slots));
	pl.results = calloc(n ? n : 1, sizeof(*pl.results));
	kids = calloc(nw, sizeof(*kids));
	running = calloc(nw, sizeof(*running));
	args = calloc(n ? n : 1, sizeof(*args));
	if (!pl.slots || !pl.results || !kids || !running || !args) {
		hk_error_set("out of memory");
		goto cleanup;
	}
	/* which child slot runs which job */
	size_t *job_of = calloc(nw, sizeof(*job_of));
	if (!job_of) {
		hk_error_set("out of memory");
		goto cleanup;
	}
	while (next < n || active) {
		int w;
		while (next < n && active < nw) {
			size_t s = 0;
			while (running[s])
				s++;
			args[next].pl = &pl;
			args[next].i = next;
			if (hk_child_start(&kids[s], &pl.co, rule_child, &args[next]) != 0) {
				if (active)
					break; /* try again when one ends */
				free(job_of);
				goto cleanup;
			}
			running[s] = &kids[s];
			job_of[s] = next++;
			active++;
		}
		w = hk_child_wait_any(running, nw);
		if (w < 0) {
			free(job_of);
			goto cleanup;
		}
		finish(&pl, job_of[w], &kids[w]);
		hk_child_clear(&kids[w]);
		running[w] = NULL;
		active--;
	}
	free(job_of);
	if (opts->progress) {
		fprintf(stderr, "\r\033[K");
		fflush(stderr);
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
		memset(&pl.slots[i], 0, sizeof(pl.slots[i]));
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
	for (size_t i = 0; kids && i < nw; i++)
		hk_child_clear(&kids[i]);
	free(kids);
	free(running);
	free(args);
	for (size_t i = 0; pl.slots && i < n; i++)
		slot_clear(&pl.slots[i]);
	free(pl.slots);
	for (size_t i = 0; pl.results && i < n; i++)
		free(pl.results[i].error);
	free(pl.results);
	sqlite3_close(pl.db);
	hk_registry_image_free(&pl.img);
	if (err)
		hk_engine_result_clear(out);
	return err;
}

int hk_engine_jobs_params_json(hk_buf *b, const struct hk_engine_job *jobs, size_t n)
{
	const char **seen = NULL;
	size_t nseen = 0, cap = 0;
	int err = hk_buf_putc(b, '{');

	for (size_t i = 0; i < n && !err; i++) {
		for (size_t j = 0; j < jobs[i].nparams && !err; j++) {
			const struct hk_param *q = &jobs[i].params[j];
			int dup = 0;
			for (size_t k = 0; k < nseen; k++)
				dup |= strcmp(seen[k], q->name) == 0;
			if (dup)
				continue;
			if ((err = HK_ARRAY_GROW(seen, cap, nseen + 1)) != 0)
				break;
			seen[nseen++] = q->name;
			err = hk_buf_puts(b, nseen > 1 ? "," : "");
			err = err ? err : hk_json_put_str(b, q->name, strlen(q->name));
			err = err ? err : hk_buf_printf(b, ":%s", q->json);
		}
	}
	free(seen);
	return err ? err : hk_buf_putc(b, '}');
}
