/*
 * lctx.c - the `ctx` API of rules (luaL_Reg + upvalue style, after Lua's
 * loslib.c): prepared, bound, read-only queries with a per-rule statement
 * cache, rows as tables keyed by column name, and validated findings.
 */
#include "engine/lctx.h"
#include "base/array.h"
#include "base/text.h"
#include "base/buf.h"
#include "base/error.h"
#include "engine/luaval.h"
#include "registry/registry_ro.h"

#include <lauxlib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_CACHED 64
#define MAX_OPEN_QUERIES 256
#define MAX_ENTITY 512
#define MAX_EVIDENCE (1 << 20)
#define ITER_META "huikan.rows"

struct hk_stmt_entry {
	char *sql;
	size_t len;
	sqlite3_stmt *st;
	int busy; /* an iteration is using it */
};

/* A running ctx:rows iteration (full userdata, closed by the generic for). */
struct rows_it {
	struct hk_lctx *c;
	struct hk_stmt_entry *e; /* NULL when st is our own */
	sqlite3_stmt *st;
	int active;
	int ncols;
	struct hk_query_stat *qs; /* when profiling */
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The stat of the SQL at stack index 2, added on first use. Raises on OOM. */
static struct hk_query_stat *query_stat(lua_State *L, struct hk_lctx *c)
{
	size_t len;
	const char *sql = lua_tolstring(L, 2, &len);
	struct hk_query_stat *q, **v;

	for (size_t i = 0; i < c->nqueries; i++)
		if (strlen(c->queries[i]->sql) == len && memcmp(c->queries[i]->sql, sql, len) == 0)
			return c->queries[i];
	v = realloc(c->queries, (c->nqueries + 1) * sizeof(*v));
	if (v)
		c->queries = v;
	q = calloc(1, sizeof(*q));
	if (!v || !q || !(q->sql = malloc(len + 1))) {
		free(q);
		luaL_error(L, "out of memory");
		return NULL; /* not reached: luaL_error does not return */
	}
	memcpy(q->sql, sql, len + 1);
	c->queries[c->nqueries++] = q;
	return q;
}

/* sqlite3_step, timed and counted into it->qs when profiling. */
static int step(struct rows_it *it)
{
	double t0;
	int rc;

	if (!it->qs)
		return sqlite3_step(it->st);
	t0 = now();
	rc = sqlite3_step(it->st);
	it->qs->seconds += now() - t0;
	it->qs->rows += rc == SQLITE_ROW;
	return rc;
}

static struct hk_lctx *ctx_of(lua_State *L)
{
	struct hk_lctx *c = lua_touserdata(L, lua_upvalueindex(1));
	if (c->closed)
		luaL_error(L, "ctx used after the rule's check() returned");
	return c;
}

/* Raises the error of a failed step: a budget stop, or SQLite's message. */
static int sql_fail(lua_State *L, struct hk_lctx *c, const char *what)
{
	if (hk_sandbox_stopped(c->sb) != HK_STOP_NONE)
		return luaL_error(L, "%s: stopped by the time budget", what);
	return luaL_error(L, "%s: SQL error: %s", what, hk_registry_ro_errmsg(c->db));
}

/* Returns a statement for sql, reset and unbound: the cached one, or a new
 * one owned by the caller (*own = 1) when the cached one is busy or the
 * cache is full. Raises on a refused or bad statement. */
static sqlite3_stmt *get_stmt(lua_State *L, struct hk_lctx *c, const char *what, struct hk_stmt_entry **entry)
{
	size_t len;
	const char *sql = luaL_checklstring(L, 2, &len);
	struct hk_stmt_entry *e = NULL;
	sqlite3_stmt *st;

	*entry = NULL;
	for (size_t i = 0; i < c->ncache; i++) {
		if (c->cache[i]->len == len && memcmp(c->cache[i]->sql, sql, len) == 0) {
			e = c->cache[i];
			break;
		}
	}
	if (e && !e->busy) {
		*entry = e;
		return e->st;
	}
	if (hk_registry_ro_prepare(c->db, sql, len, &st) != 0)
		return (void)luaL_error(L, "%s: %s", what, hk_error_last()), NULL;
	if (e || c->ncache >= MAX_CACHED)
		return st; /* caller owns it */
	{
		struct hk_stmt_entry **v = realloc(c->cache, (c->ncache + 1) * sizeof(*v));
		e = calloc(1, sizeof(*e));
		if (v)
			c->cache = v;
		if (!v || !e || !(e->sql = malloc(len + 1))) {
			free(e);
			sqlite3_finalize(st);
			return (void)luaL_error(L, "out of memory"), NULL;
		}
		memcpy(e->sql, sql, len + 1);
		e->len = len;
		e->st = st;
		c->cache[c->ncache++] = e;
	}
	*entry = e;
	return st;
}

static void release_stmt(struct hk_stmt_entry *e, sqlite3_stmt *st)
{
	if (e) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		e->busy = 0;
	} else {
		sqlite3_finalize(st);
	}
}

static void it_release(struct rows_it *it)
{
	if (it->active) {
		it->active = 0;
		it->c->open_queries--;
		release_stmt(it->e, it->st);
	}
}

/* Binds the value at stack index a to parameter i; returns the SQLite code,
 * or -1 when the value has a type that cannot be bound. */
static int bind_one(lua_State *L, sqlite3_stmt *st, int i, int a)
{
	switch (lua_type(L, a)) {
	case LUA_TNIL: return sqlite3_bind_null(st, i);
	case LUA_TBOOLEAN: return sqlite3_bind_int(st, i, lua_toboolean(L, a));
	case LUA_TNUMBER:
		if (lua_isinteger(L, a))
			return sqlite3_bind_int64(st, i, (sqlite3_int64)lua_tointeger(L, a));
		return sqlite3_bind_double(st, i, lua_tonumber(L, a));
	case LUA_TSTRING: {
		size_t l;
		const char *s = lua_tolstring(L, a, &l);
		return sqlite3_bind_text(st, i, s, (int)l, SQLITE_TRANSIENT);
	}
	default: return -1;
	}
}

/* Binds named parameters (:name, @name, $name) from the table at index t. */
static void bind_named(lua_State *L, struct rows_it *it, int t, const char *what)
{
	sqlite3_stmt *st = it->st;
	int want = sqlite3_bind_parameter_count(st), rc = SQLITE_OK;

	for (int i = 1; i <= want && rc == SQLITE_OK; i++) {
		const char *name = sqlite3_bind_parameter_name(st, i);
		if (!name || !name[1] || name[0] == '?') {
			it_release(it);
			luaL_error(L, "%s: with a table of named values, every parameter must be named (:name)", what);
		}
		lua_getfield(L, t, name + 1);
		if (lua_isnil(L, -1)) {
			it_release(it);
			luaL_error(L, "%s: no value for the named parameter %s", what, name);
		}
		rc = bind_one(L, st, i, lua_gettop(L));
		if (rc < 0) {
			it_release(it);
			luaL_error(L, "%s: parameter %s is a %s (integer, number, string or boolean only)", what, name,
				   luaL_typename(L, -1));
		}
		lua_pop(L, 1);
	}
	if (rc != SQLITE_OK) {
		it_release(it);
		sql_fail(L, it->c, what);
	}
}

/* Binds the arguments first..last to the ? parameters of it's statement, or
 * one table argument to its named parameters; on a bad value releases the
 * statement and raises. */
static void bind_args(lua_State *L, struct rows_it *it, int first, int last, const char *what)
{
	sqlite3_stmt *st = it->st;
	int n = last - first + 1, want = sqlite3_bind_parameter_count(st), rc = SQLITE_OK;
	const char *p1 = want ? sqlite3_bind_parameter_name(st, 1) : NULL;

	if (n == 1 && lua_istable(L, first) && p1 && p1[0] != '?') {
		bind_named(L, it, first, what);
		return;
	}
	if (n != want) {
		it_release(it);
		luaL_error(L, "%s: the statement has %d parameter(s), %d value(s) given", what, want, n < 0 ? 0 : n);
	}
	for (int i = 1; i <= n && rc == SQLITE_OK; i++) {
		int a = first + i - 1;
		rc = bind_one(L, st, i, a);
		if (rc < 0) {
			it_release(it);
			luaL_error(L, "%s: parameter %d is a %s (integer, number, string, boolean or nil only)", what,
				   i, luaL_typename(L, a));
		}
	}
	if (rc != SQLITE_OK) {
		it_release(it);
		sql_fail(L, it->c, what);
	}
}

/* Pushes the current row of st as a table keyed by column name; `names` is
 * the index of a list of the column names. NULL columns are absent. */
static void push_row(lua_State *L, sqlite3_stmt *st, int ncols, int names)
{
	lua_createtable(L, 0, ncols);
	for (int i = 0; i < ncols; i++) {
		int ty = sqlite3_column_type(st, i);
		if (ty == SQLITE_NULL)
			continue;
		lua_rawgeti(L, names, i + 1);
		switch (ty) {
		case SQLITE_INTEGER: lua_pushinteger(L, (lua_Integer)sqlite3_column_int64(st, i)); break;
		case SQLITE_FLOAT: lua_pushnumber(L, sqlite3_column_double(st, i)); break;
		default: {
			const char *s = (const char *)sqlite3_column_blob(st, i);
			lua_pushlstring(L, s ? s : "", (size_t)sqlite3_column_bytes(st, i));
		}
		}
		lua_rawset(L, -3);
	}
}

static void push_names(lua_State *L, sqlite3_stmt *st, int ncols)
{
	lua_createtable(L, ncols, 0);
	for (int i = 0; i < ncols; i++) {
		const char *n = sqlite3_column_name(st, i);
		lua_pushstring(L, n ? n : "?");
		lua_rawseti(L, -2, i + 1);
	}
}

/* Releases the statement of a failed step and raises its error. */
static int step_fail(lua_State *L, struct rows_it *it, const char *what)
{
	char msg[512];

	/* copy the message before the statement is reset */
	snprintf(msg, sizeof(msg), "%s", hk_registry_ro_errmsg(it->c->db));
	it_release(it);
	if (hk_sandbox_stopped(it->c->sb) != HK_STOP_NONE)
		return luaL_error(L, "%s: stopped by the time budget", what);
	return luaL_error(L, "%s: SQL error: %s", what, msg);
}

static int rows_iter(lua_State *L)
{
	struct rows_it *it = lua_touserdata(L, lua_upvalueindex(1));
	int rc;

	if (!it->active)
		return 0;
	if (it->c->closed)
		return luaL_error(L, "ctx:rows iterator used after the rule's check() returned");
	rc = step(it);
	if (rc == SQLITE_ROW) {
		push_row(L, it->st, it->ncols, lua_upvalueindex(2));
		return 1;
	}
	if (rc == SQLITE_DONE) {
		it_release(it);
		return 0;
	}
	return step_fail(L, it, "ctx:rows");
}

static int it_close(lua_State *L)
{
	struct rows_it *it = luaL_checkudata(L, 1, ITER_META);
	it_release(it);
	return 0;
}

/* Starts a query: a rows_it userdata (pushed; its __gc releases the
 * statement whatever happens next), the statement, the bound arguments. */
static struct rows_it *start_query(lua_State *L, const char *what)
{
	struct hk_lctx *c = ctx_of(L);
	int last = lua_gettop(L);
	struct rows_it *it = lua_newuserdatauv(L, sizeof(*it), 0);
	struct hk_stmt_entry *e;

	memset(it, 0, sizeof(*it));
	it->c = c;
	luaL_setmetatable(L, ITER_META);
	/* Each open query holds SQLite memory outside the Lua heap: bound them
	 * (abandoned iterators are collected first). */
	if (c->open_queries >= MAX_OPEN_QUERIES)
		lua_gc(L, LUA_GCCOLLECT);
	if (c->open_queries >= MAX_OPEN_QUERIES)
		luaL_error(L, "%s: more than %d queries open at once: finish or break out of earlier ctx:rows loops",
			   what, MAX_OPEN_QUERIES);
	if (c->profile) {
		luaL_checkstring(L, 2);
		it->qs = query_stat(L, c);
		it->qs->calls++;
	}
	it->st = get_stmt(L, c, what, &e);
	it->e = e;
	it->active = 1;
	c->open_queries++;
	if (e)
		e->busy = 1;
	it->ncols = sqlite3_column_count(it->st);
	bind_args(L, it, 3, last, what);
	return it;
}

/* ctx:rows(sql, ...) -> iterator, nil, nil, closing value */
static int ctx_rows(lua_State *L)
{
	struct rows_it *it = start_query(L, "ctx:rows");

	lua_pushvalue(L, -1);
	push_names(L, it->st, it->ncols);
	lua_pushcclosure(L, rows_iter, 2);
	lua_insert(L, -2);      /* iterator, it */
	lua_pushnil(L);
	lua_insert(L, -2);
	lua_pushnil(L);
	lua_insert(L, -2);      /* iterator, nil, nil, it */
	return 4;
}

/* ctx:one(sql, ...) -> the first row as a table, or nil */
static int ctx_one(lua_State *L)
{
	struct rows_it *it = start_query(L, "ctx:one");
	int rc = step(it);

	if (rc == SQLITE_ROW) {
		push_names(L, it->st, it->ncols);
		push_row(L, it->st, it->ncols, lua_gettop(L));
		it_release(it);
		return 1;
	}
	if (rc == SQLITE_DONE) {
		it_release(it);
		lua_pushnil(L);
		return 1;
	}
	return step_fail(L, it, "ctx:one");
}

static int ctx_log(lua_State *L)
{
	ctx_of(L);
	hk_sandbox_log_args(L, 2, ' ');
	return 0;
}

static char *dup_lua(lua_State *L, const char *s, size_t len)
{
	char *d = malloc(len + 1);
	if (!d)
		luaL_error(L, "out of memory");
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

/* Raises unless s[0..len) is text a finding can hold: UTF-8 (JSON, the
 * ledger and every output are UTF-8) without NUL bytes (C strings would cut
 * the text there, silently). */
static void check_text(lua_State *L, const char *what, const char *s, size_t len)
{
	const char *nul = memchr(s, '\0', len);
	size_t bad;

	if (nul)
		luaL_error(L, "ctx:report: %s contains a NUL byte (at byte %d): findings are text", what,
			   (int)(nul - s) + 1);
	bad = hk_text_utf8_invalid(s, len);
	if (bad < len) {
		char msg[160];
		snprintf(msg, sizeof(msg),
			 "ctx:report: %s is not valid UTF-8 (byte %zu is 0x%02X): findings are UTF-8 text", what,
			 bad + 1, (unsigned)(unsigned char)s[bad]);
		luaL_error(L, "%s", msg);
	}
}

/* ctx:report{entity=, message=, evidence=, severity=}; message is a string or
 * {zh = text, en = text} (en optional): the finding keeps both renderings. */
static int ctx_report(lua_State *L)
{
	struct hk_lctx *c = ctx_of(L);
	const struct hk_rule *r = c->rule;
	int t = lua_gettop(L) == 1 ? 1 : 2;
	const char *entity, *message, *message_en = NULL, *severity = r->severity;
	size_t elen, mlen, enlen = 0;
	hk_buf ev = HK_BUF_INIT;
	struct hk_finding *f;
	int ok = 0;

	if (!lua_istable(L, t))
		return luaL_error(L, "ctx:report: expects a table {entity=, message=, evidence=, severity=}");
	lua_settop(L, t);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
		lua_pop(L, 1);
		if (!k || (strcmp(k, "entity") && strcmp(k, "message") && strcmp(k, "evidence") &&
			   strcmp(k, "severity")))
			return luaL_error(L, "ctx:report: unknown field %s%s%s (entity, message, evidence, severity)",
					  k ? "'" : "of type ", k ? k : luaL_typename(L, -1), k ? "'" : "");
	}
	lua_pushliteral(L, "entity");
	if (lua_rawget(L, t) != LUA_TSTRING)
		return luaL_error(L, "ctx:report: entity must be a string '%s:<key>' (got %s)", r->entity,
				  luaL_typename(L, -1));
	entity = lua_tolstring(L, -1, &elen);
	if (!hk_pack_entity_ok(r->entity, entity, elen))
		return luaL_error(L, "ctx:report: entity '%s' is not a %s key: this rule declares entity = '%s', "
				  "so write '%s:<key>'", entity, r->entity, r->entity, r->entity);
	if (elen > MAX_ENTITY)
		return luaL_error(L, "ctx:report: entity longer than %d bytes", MAX_ENTITY);
	for (size_t i = 0; i < elen; i++)
		if ((unsigned char)entity[i] < 32 || entity[i] == 127)
			return luaL_error(L, "ctx:report: entity contains a control character");
	check_text(L, "entity", entity, elen);
	lua_pushliteral(L, "message");
	if (lua_rawget(L, t) == LUA_TTABLE) {
		/* {zh = "...", en = "..."}: both renderings (en optional) */
		int m = lua_gettop(L);
		lua_pushliteral(L, "en");
		if (lua_rawget(L, m) != LUA_TNIL) {
			if (lua_type(L, -1) != LUA_TSTRING || lua_rawlen(L, -1) == 0)
				return luaL_error(L, "ctx:report: message.en must be a non-empty string (got %s)",
						  lua_type(L, -1) == LUA_TSTRING ? "\"\"" : luaL_typename(L, -1));
			message_en = lua_tolstring(L, -1, &enlen);
			check_text(L, "message.en", message_en, enlen);
		}
		lua_pushliteral(L, "zh");
		if (lua_rawget(L, m) != LUA_TSTRING || lua_rawlen(L, -1) == 0)
			return luaL_error(L, "ctx:report: message.zh must be a non-empty string (got %s)",
					  lua_type(L, -1) == LUA_TSTRING ? "\"\"" : luaL_typename(L, -1));
	} else if (lua_type(L, -1) != LUA_TSTRING || lua_rawlen(L, -1) == 0) {
		return luaL_error(L, "ctx:report: message must be a non-empty string or {zh=, en=} (got %s)",
				  lua_type(L, -1) == LUA_TSTRING ? "\"\"" : luaL_typename(L, -1));
	}
	message = lua_tolstring(L, -1, &mlen);
	check_text(L, "message", message, mlen);
	lua_pushliteral(L, "severity");
	if (lua_rawget(L, t) != LUA_TNIL) {
		const char *s = lua_tostring(L, -1);
		for (int i = 0; s && lua_type(L, -1) == LUA_TSTRING && hk_pack_severities[i]; i++)
			if (strcmp(s, hk_pack_severities[i]) == 0) {
				severity = hk_pack_severities[i];
				ok = 1;
			}
		if (!ok)
			return luaL_error(L, "ctx:report: severity must be one of critical, high, medium, low, info");
	}
	lua_pushliteral(L, "evidence");
	switch (lua_rawget(L, t)) {
	case LUA_TNIL:
		if (hk_buf_puts(&ev, "{}") != 0)
			return luaL_error(L, "ctx:report: out of memory");
		break;
	case LUA_TTABLE:
		if (hk_luaval_json(&ev, L, -1, "evidence") != 0) {
			hk_buf_free(&ev);
			return luaL_error(L, "ctx:report: %s", hk_error_last());
		}
		if (ev.ptr[0] != '{') {
			hk_buf_free(&ev);
			return luaL_error(L, "ctx:report: evidence must be a table of named fields, not a list");
		}
		if (ev.len > MAX_EVIDENCE) {
			hk_buf_free(&ev);
			return luaL_error(L, "ctx:report: evidence larger than %d kB as JSON: keep evidence to the facts",
					  MAX_EVIDENCE >> 10);
		}
		break;
	default:
		return luaL_error(L, "ctx:report: evidence must be a table (got %s)", luaL_typename(L, -1));
	}
	/* one finding per entity */
	lua_rawgeti(L, LUA_REGISTRYINDEX, c->seen_ref);
	lua_pushlstring(L, entity, elen);
	if (lua_rawget(L, -2) != LUA_TNIL) {
		hk_buf_free(&ev);
		return luaL_error(L, "ctx:report: entity '%s' reported twice: a rule reports at most one finding per "
				  "entity (name all its facts in one report)", entity);
	}
	lua_pop(L, 1);
	lua_pushlstring(L, entity, elen);
	lua_pushboolean(L, 1);
	lua_rawset(L, -3);
	/* The finding's copy lives outside the Lua heap: charge it. */
	if (hk_sandbox_charge(c->sb, sizeof(*f) + elen + mlen + enlen + ev.len + strlen(r->id) + strlen(r->category) +
					     strlen(severity) + 8) != 0) {
		hk_buf_free(&ev);
		return luaL_error(L, "ctx:report: the findings exceed the memory budget");
	}
	if (HK_ARRAY_GROW(c->findings, c->capfindings, c->nfindings + 1) != 0) {
		hk_buf_free(&ev);
		return luaL_error(L, "out of memory");
	}
	f = &c->findings[c->nfindings];
	memset(f, 0, sizeof(*f));
	f->evidence_json = ev.ptr;
	f->entity = dup_lua(L, entity, elen);
	f->message = dup_lua(L, message, mlen);
	f->message_en = message_en ? dup_lua(L, message_en, enlen) : NULL;
	f->rule = dup_lua(L, r->id, strlen(r->id));
	f->category = dup_lua(L, r->category, strlen(r->category));
	f->severity = dup_lua(L, severity, strlen(severity));
	hk_finding_id(f->id, r->id, f->entity);
	c->nfindings++;
	return 0;
}

static const luaL_Reg ctx_funcs[] = {
	{"rows", ctx_rows}, {"one", ctx_one}, {"report", ctx_report}, {"log", ctx_log}, {NULL, NULL}};

void hk_lctx_init(struct hk_lctx *c, sqlite3 *db, const struct hk_rule *rule, const char *as_of, hk_sandbox *sb)
{
	memset(c, 0, sizeof(*c));
	c->db = db;
	c->rule = rule;
	c->as_of = as_of;
	c->sb = sb;
	c->seen_ref = LUA_NOREF;
}

void hk_lctx_push(lua_State *L, struct hk_lctx *c, int params)
{
	params = lua_absindex(L, params);
	if (luaL_newmetatable(L, ITER_META)) {
		lua_pushcfunction(L, it_close);
		lua_setfield(L, -2, "__close");
		lua_pushcfunction(L, it_close);
		lua_setfield(L, -2, "__gc");
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "__metatable");
	}
	lua_pop(L, 1);
	lua_newtable(L);
	c->seen_ref = luaL_ref(L, LUA_REGISTRYINDEX);

	lua_createtable(L, 0, 8);
	lua_pushlightuserdata(L, c);
	luaL_setfuncs(L, ctx_funcs, 1);
	lua_pushstring(L, c->as_of);
	lua_setfield(L, -2, "as_of");
	lua_pushstring(L, c->rule->id);
	lua_setfield(L, -2, "rule");
	lua_pushvalue(L, params);
	lua_setfield(L, -2, "params");
	hk_sandbox_readonly(L, "ctx", 0);
}

void hk_lctx_release(struct hk_lctx *c)
{
	for (size_t i = 0; i < c->ncache; i++) {
		sqlite3_finalize(c->cache[i]->st);
		free(c->cache[i]->sql);
		free(c->cache[i]);
	}
	free(c->cache);
	c->cache = NULL;
	c->ncache = 0;
	for (size_t i = 0; i < c->nqueries; i++) {
		free(c->queries[i]->sql);
		free(c->queries[i]);
	}
	free(c->queries);
	c->queries = NULL;
	c->nqueries = 0;
	for (size_t i = 0; i < c->nfindings; i++)
		hk_finding_clear(&c->findings[i]);
	free(c->findings);
	c->findings = NULL;
	c->nfindings = c->capfindings = 0;
}

void hk_query_stats_free(struct hk_query_stat *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i].sql);
	free(v);
}
