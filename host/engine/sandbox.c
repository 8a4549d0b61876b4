/*
 * sandbox.c - the Lua state a rule runs in: allow-listed globals, read-only
 * library tables, text-only load, restricted require, and the instruction,
 * memory and wall-clock budgets (see sandbox.h for what each closes).
 */
#include "engine/sandbox.h"
#include "base/error.h"
#include "base/text.h"
#include "engine/source.h"

#include <lauxlib.h>
#include <lualib.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HOOK_EVERY 1000      /* instructions between two hook calls */
#define MAX_LOG_LINES 1000
#define MAX_LOG_BYTES 4096

/* Slots of Lua stack reserved when a state is made (16 bytes each: 256 kB).
 * Why: Debian's liblua5.4 5.4.4-3 carries the fix for CVE-2022-33099
 * (upstream commit 42d40581) without its follow-up (603b2c64, Lua 5.4.5):
 * luaV_concat keeps a pointer into the stack across a __concat metamethod
 * call, so when that call moves the stack (growing it, or the collector
 * shrinking it) `a .. b .. c` with a text (plugins/say.lua) goes on with a
 * dangling pointer and the rule's process crashes (seen as a segfault of
 * precision.cause-mismatch on a 1M-person registry). With the reserve held
 * by the base frame, the stack never shrinks below it and grows only for a
 * rule nested deeper than 16,384 slots (some 3,000 calls): a rule that does
 * that inside a __concat can still crash, alone, in its own process. */
#define HK_SANDBOX_STACK_RESERVE 16384

struct hk_sandbox {
	lua_State *L;
	struct hk_limits lim;
	size_t used;        /* bytes of Lua heap in use */
	long long count;    /* instructions counted by the hook */
	double deadline;    /* monotonic seconds; 0 = none */
	volatile int stop;  /* enum hk_stop */
	int log_lines;
	unsigned ticks;
	char *lib_dir, *plugins_dir, *label;
	char where[256];    /* file:line where the budget stopped the code */
	char last[256];     /* file:line seen by the latest hook call */
	char trace[1024];   /* the Lua frames of the latest error, one "\n  FILE:LINE: in ..." each */
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *stop_text(const hk_sandbox *sb, char *buf, size_t n)
{
	switch (sb->stop) {
	case HK_STOP_INSTRUCTIONS:
		snprintf(buf, n, "instruction budget exceeded (%lld instructions)", sb->lim.max_instructions);
		break;
	case HK_STOP_MEMORY:
		snprintf(buf, n, "memory budget exceeded (%zu MB)", sb->lim.max_memory >> 20);
		break;
	case HK_STOP_TIMEOUT:
		snprintf(buf, n, "time budget exceeded (%g s wall clock)", sb->lim.timeout);
		break;
	default:
		snprintf(buf, n, "stopped");
	}
	return buf;
}

/* The lua_Alloc: counts the heap and refuses growth past the cap. A refusal
 * also marks the sandbox stopped so that the hook keeps raising errors even
 * when the rule catches the memory error with pcall. */
static void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	hk_sandbox *sb = ud;
	size_t old = ptr ? osize : 0;
	void *p;

	if (nsize == 0) {
		free(ptr);
		sb->used -= old;
		return NULL;
	}
	if (sb->lim.max_memory && nsize > old && sb->used + (nsize - old) > sb->lim.max_memory) {
		if (!sb->stop)
			sb->stop = HK_STOP_MEMORY;
		return NULL;
	}
	p = realloc(ptr, nsize);
	if (p)
		sb->used = sb->used - old + nsize;
	return p;
}

static void sb_hook(lua_State *L, lua_Debug *ar)
{
	hk_sandbox *sb = hk_sandbox_of(L);
	char why[128];

	sb->count += HOOK_EVERY;
	/* Where the code is, sampled, for errors that carry no position (a
	 * refused allocation raises a memory error without one). */
	if ((++sb->ticks & 7) == 0 || sb->stop || !sb->last[0]) {
		if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
			snprintf(sb->last, sizeof(sb->last), "%s:%d", ar->short_src, ar->currentline);
	}
	if (!sb->stop) {
		if (sb->lim.max_instructions > 0 && sb->count > sb->lim.max_instructions)
			sb->stop = HK_STOP_INSTRUCTIONS;
		else if (sb->deadline > 0 && now_seconds() > sb->deadline)
			sb->stop = HK_STOP_TIMEOUT;
	}
	if (!sb->stop)
		return;
	if (!sb->where[0])
		snprintf(sb->where, sizeof(sb->where), "%s", sb->last);
	/* Fire again on the very next instruction: a pcall that catches this
	 * error gets no further than one instruction. */
	lua_sethook(L, sb_hook, LUA_MASKCOUNT, 1);
	luaL_error(L, "%s", stop_text(sb, why, sizeof(why)));
}

static int sb_panic(lua_State *L)
{
	const char *msg = lua_tostring(L, -1);
	fprintf(stderr, "huikan: lua panic: %s\n", msg ? msg : "(error object)");
	abort();
	return 0;
}

hk_sandbox *hk_sandbox_of(lua_State *L)
{
	void *ud = NULL;
	lua_getallocf(L, &ud);
	return ud;
}

lua_State *hk_sandbox_lua(hk_sandbox *sb)
{
	return sb->L;
}

void hk_sandbox_start(hk_sandbox *sb)
{
	sb->count = 0;
	sb->stop = HK_STOP_NONE;
	sb->where[0] = '\0';
	sb->deadline = sb->lim.timeout > 0 ? now_seconds() + sb->lim.timeout : 0;
	lua_sethook(sb->L, sb_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

int hk_sandbox_expired(hk_sandbox *sb)
{
	if (sb->stop)
		return 1;
	if (sb->deadline > 0 && now_seconds() > sb->deadline) {
		sb->stop = HK_STOP_TIMEOUT;
		return 1;
	}
	return 0;
}

int hk_sandbox_charge(hk_sandbox *sb, size_t n)
{
	if (sb->lim.max_memory && sb->used + n > sb->lim.max_memory) {
		if (!sb->stop)
			sb->stop = HK_STOP_MEMORY;
		return -1;
	}
	sb->used += n;
	return 0;
}

enum hk_stop hk_sandbox_stopped(const hk_sandbox *sb)
{
	return (enum hk_stop)sb->stop;
}

long long hk_sandbox_instructions(const hk_sandbox *sb)
{
	return sb->count;
}

/* Where log lines go instead of stderr (hk_sandbox_log_to). */
static void (*log_sink)(void *ud, const char *line, size_t len);
static void *log_sink_ud;

void hk_sandbox_log_to(void (*fn)(void *ud, const char *line, size_t len), void *ud)
{
	log_sink = fn;
	log_sink_ud = ud;
}

static void log_line(const char *line, size_t len)
{
	if (log_sink)
		log_sink(log_sink_ud, line, len);
	else
		fwrite(line, 1, len, stderr);
}

void hk_sandbox_log(hk_sandbox *sb, const char *text, size_t len)
{
	if (sb->log_lines > MAX_LOG_LINES)
		return;
	if (++sb->log_lines > MAX_LOG_LINES) {
		hk_buf b = HK_BUF_INIT;
		if (hk_buf_puts(&b, "huikan: [") == 0 && hk_text_visible(&b, sb->label, strlen(sb->label), 0) == 0 &&
		    hk_buf_printf(&b, "] more than %d log lines: the rest are dropped\n", MAX_LOG_LINES) == 0)
			log_line(b.ptr, b.len);
		hk_buf_free(&b);
		return;
	}
	/* One line, whatever the rule logs: control characters are shown, not
	 * sent to the terminal (base/text.h). */
	{
		hk_buf b = HK_BUF_INIT;
		int err = hk_buf_puts(&b, "huikan: [");
		err = err ? err : hk_text_visible(&b, sb->label, strlen(sb->label), 0);
		err = err ? err : hk_buf_puts(&b, "] ");
		err = err ? err : hk_text_visible(&b, text, len > MAX_LOG_BYTES ? MAX_LOG_BYTES : len, 0);
		if (!err && len > MAX_LOG_BYTES)
			err = hk_buf_printf(&b, "... (%zu bytes, cut)", len);
		err = err ? err : hk_buf_putc(&b, '\n');
		if (!err)
			log_line(b.ptr, b.len);
		hk_buf_free(&b);
	}
}

/* ---- read-only proxies ---------------------------------------------------- */

static int ro_newindex(lua_State *L)
{
	const char *name = lua_tostring(L, lua_upvalueindex(1));
	if (lua_type(L, 2) == LUA_TSTRING)
		return luaL_error(L, "attempt to modify read-only table '%s' (field '%s')", name, lua_tostring(L, 2));
	return luaL_error(L, "attempt to modify read-only table '%s'", name);
}

static int ro_len(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)luaL_len(L, lua_upvalueindex(1)));
	return 1;
}

static int ro_next(lua_State *L)
{
	lua_settop(L, 2);
	if (lua_next(L, lua_upvalueindex(1)))
		return 2;
	lua_pushnil(L);
	return 1;
}

/* __pairs(proxy) -> next over the real table */
static int ro_pairs(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushcclosure(L, ro_next, 1);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

int hk_sandbox_unproxy(lua_State *L, int idx)
{
	int ok = 0;

	if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx)) /* raw: ignores __metatable */
		return 0;
	if (lua_getfield(L, -1, "__newindex") == LUA_TFUNCTION && lua_tocfunction(L, -1) == ro_newindex)
		ok = lua_getfield(L, -2, "__index") == LUA_TTABLE;
	else
		lua_pushnil(L);
	if (ok) {
		lua_replace(L, -3);
		lua_pop(L, 1);
		return 1;
	}
	lua_pop(L, 3);
	return 0;
}

void hk_sandbox_readonly(lua_State *L, const char *name, int deep)
{
	int t = lua_gettop(L);

	luaL_checkstack(L, 8, "readonly");
	if (deep) {
		/* Collect the keys first: we replace values while walking. */
		lua_newtable(L);
		lua_pushnil(L);
		while (lua_next(L, t)) {
			if (lua_type(L, -1) == LUA_TTABLE) {
				lua_pushvalue(L, -2);
				lua_pushvalue(L, -2);
				lua_settable(L, t + 1); /* sub[key] = table */
			}
			lua_pop(L, 1);
		}
		lua_pushnil(L);
		while (lua_next(L, t + 1)) {
			hk_sandbox_readonly(L, name, 1);
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, t); /* t[key] = proxy */
		}
		lua_pop(L, 1);
	}
	lua_newtable(L);                 /* proxy */
	lua_createtable(L, 0, 5);        /* its metatable */
	lua_pushvalue(L, t);
	lua_setfield(L, -2, "__index");
	lua_pushstring(L, name);
	lua_pushcclosure(L, ro_newindex, 1);
	lua_setfield(L, -2, "__newindex");
	lua_pushvalue(L, t);
	lua_pushcclosure(L, ro_len, 1);
	lua_setfield(L, -2, "__len");
	lua_pushvalue(L, t);
	lua_pushcclosure(L, ro_pairs, 1);
	lua_setfield(L, -2, "__pairs");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	lua_replace(L, t);
	lua_settop(L, t);
}

/* ---- the functions that replace the unsafe ones ---------------------------- */

/* setmetatable(t, mt) refusing a metatable with a __gc field: Lua runs
 * finalizers with debug hooks off, so a looping __gc could never be stopped.
 * (A __gc added to mt later is inert: Lua marks objects at setmetatable.) */
static int sb_setmetatable(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return luaL_error(L, "setmetatable: __gc metamethods are not allowed in rules");
		lua_pop(L, 1);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* The message handler xpcall installs: the rule's own handler, except after
 * a budget stop. An error raised by the hook reaches the handler with hooks
 * off, so a looping handler could never be stopped: then the error passes
 * through unchanged. */
static int xpcall_handler(lua_State *L)
{
	if (hk_sandbox_of(L)->stop)
		return 1;
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static int finish_xpcall(lua_State *L, int status, lua_KContext extra)
{
	if (status != LUA_OK && status != LUA_YIELD) {
		lua_pushboolean(L, 0);
		lua_pushvalue(L, -2);
		return 2;
	}
	return lua_gettop(L) - (int)extra;
}

/* xpcall(f, msgh, ...) as in lbaselib.c, with msgh wrapped. */
static int sb_xpcall(lua_State *L)
{
	int n = lua_gettop(L);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 2);
	lua_pushcclosure(L, xpcall_handler, 1);
	lua_replace(L, 2);
	lua_pushboolean(L, 1);
	lua_pushvalue(L, 1);
	lua_rotate(L, 3, 2);
	return finish_xpcall(L, lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_xpcall), 2);
}

/* rawset(t, k, v) that refuses read-only proxies (a raw field in a proxy
 * would shadow the library function behind it). */
static int sb_rawset(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_checkany(L, 2);
	luaL_checkany(L, 3);
	if (hk_sandbox_unproxy(L, 1))
		return luaL_error(L, "rawset: attempt to modify a read-only table");
	lua_settop(L, 3);
	lua_rawset(L, 1);
	return 1;
}

/* load(chunk [, chunkname [, mode [, env]]]): text chunks only. */
static int sb_load(lua_State *L)
{
	size_t len;
	const char *s, *name, *mode;
	int has_env = !lua_isnone(L, 4);

	if (lua_type(L, 1) != LUA_TSTRING) {
		luaL_pushfail(L);
		lua_pushstring(L, "load: rules may load text chunks given as strings only");
		return 2;
	}
	s = lua_tolstring(L, 1, &len);
	name = luaL_optstring(L, 2, s);
	mode = luaL_optstring(L, 3, "t");
	if (!strchr(mode, 't') || (len > 0 && s[0] == LUA_SIGNATURE[0])) {
		luaL_pushfail(L);
		lua_pushstring(L, "load: binary chunks are not allowed (rules load text only)");
		return 2;
	}
	if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
		luaL_pushfail(L);
		lua_insert(L, -2);
		return 2;
	}
	if (has_env) {
		lua_pushvalue(L, 4);
		if (!lua_setupvalue(L, -2, 1))
			lua_pop(L, 1);
	}
	return 1;
}

void hk_sandbox_log_args(lua_State *L, int first, char sep)
{
	luaL_Buffer b;
	int n = lua_gettop(L);
	size_t len;
	const char *s;

	luaL_buffinit(L, &b);
	for (int i = first; i <= n; i++) {
		if (i > first)
			luaL_addchar(&b, sep);
		luaL_tolstring(L, i, NULL);
		luaL_addvalue(&b);
	}
	luaL_pushresult(&b);
	s = lua_tolstring(L, -1, &len);
	hk_sandbox_log(hk_sandbox_of(L), s, len);
	lua_pop(L, 1);
}

static int sb_print(lua_State *L)
{
	hk_sandbox_log_args(L, 1, '\t');
	return 0;
}

static int valid_module_name(const char *s)
{
	if (!*s || *s == '.')
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p == '.' && (p[1] == '.' || p[1] == '\0'))
			return 0;
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != '.')
			return 0;
	}
	return 1;
}

#define LOADED_KEY "huikan.loaded"

/* require(name): a Lua module from the pack's lib/ or the plugins directory,
 * loaded text-only into this sandbox and cached per sandbox. */
static int sb_require(lua_State *L)
{
	hk_sandbox *sb = hk_sandbox_of(L);
	const char *name = luaL_checkstring(L, 1);
	const char *dirs[2] = {sb->lib_dir, sb->plugins_dir};
	char rel[512], path[2][1100];
	int found = -1;

	lua_settop(L, 1);
	lua_getfield(L, LUA_REGISTRYINDEX, LOADED_KEY); /* 2 */
	lua_getfield(L, 2, name);
	if (lua_toboolean(L, -1)) {
		if (lua_type(L, -1) == LUA_TLIGHTUSERDATA)
			return luaL_error(L, "require: module '%s' requires itself (circular require)", name);
		return 1;
	}
	lua_pop(L, 1);
	if (!valid_module_name(name) || strlen(name) >= sizeof(rel) - 8)
		return luaL_error(L, "require: bad module name '%s' (letters, digits, _ - and . only)", name);
	snprintf(rel, sizeof(rel), "%s", name);
	for (char *p = rel; *p; p++)
		if (*p == '.')
			*p = '/';
	for (int i = 0; i < 2 && found < 0; i++) {
		const char *text;
		size_t len;
		int err;
		path[i][0] = '\0';
		if (!dirs[i])
			continue;
		snprintf(path[i], sizeof(path[i]), "%s/%s.lua", dirs[i], rel);
		/* read confined to its directory (source.h): no symlink out */
		err = hk_source_get(&text, &len, path[i], dirs[i]);
		if (err == 0)
			found = i;
		else if (err != HK_ENOTFOUND)
			return luaL_error(L, "require '%s': %s", name, hk_error_last());
	}
	if (found < 0)
		return luaL_error(L,
				  "module '%s' not found: no file '%s', no file '%s' (rules may require only "
				  "Lua modules from the pack's lib/ and the plugins directory)",
				  name, path[0][0] ? path[0] : "<no pack lib/>", path[1][0] ? path[1] : "<no plugins>");
	if (hk_sandbox_loadfile(sb, path[found]) != 0)
		return luaL_error(L, "require '%s': %s", name, hk_error_last());
	lua_pushlightuserdata(L, sb); /* loading mark */
	lua_setfield(L, 2, name);
	lua_pushstring(L, name);
	lua_pushstring(L, path[found]);
	if (lua_pcall(L, 2, 1, 0) != LUA_OK) {
		lua_pushnil(L); /* a failed module can be required again */
		lua_setfield(L, 2, name);
		return lua_error(L);
	}
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, 2, name);
	return 1;
}

/* ---- pattern matching guard ------------------------------------------------ */

/* Lua's pattern matcher runs in C, where the count hook cannot stop it, and
 * backtracks: a pattern with q quantifiers (* + - ?) costs up to n^(q+1)
 * steps on an n-byte subject. The wrappers of find, match, gmatch and gsub
 * refuse a call whose bound exceeds PATTERN_MAX_STEPS (real rules match short
 * fields: q = 3 still allows 300-byte subjects, q = 1 100 kB). */
#define PATTERN_MAX_STEPS 1e10

static int pattern_quantifiers(const char *p, size_t len)
{
	int q = 0, in_set = 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '%') {
			i++;
		} else if (in_set) {
			if (p[i] == ']')
				in_set = 0;
		} else if (p[i] == '[') {
			in_set = 1;
			if (i + 1 < len && p[i + 1] == '^')
				i++;
			if (i + 1 < len && p[i + 1] == ']')
				i++;
		} else if (p[i] == '*' || p[i] == '+' || p[i] == '-' || p[i] == '?') {
			q++;
		}
	}
	return q;
}

static int guarded_match(lua_State *L)
{
	size_t n, plen;
	const char *pat;

	luaL_checklstring(L, 1, &n);
	pat = luaL_checklstring(L, 2, &plen);
	/* string.find(s, p, init, true) is a plain search: no pattern */
	if (!(lua_toboolean(L, lua_upvalueindex(2)) && lua_toboolean(L, 4))) {
		int q = pattern_quantifiers(pat, plen);
		if (q > 0 && pow((double)n, q + 1) > PATTERN_MAX_STEPS) {
			char msg[200];
			snprintf(msg, sizeof(msg), "pattern '%.40s' with %d quantifiers is too costly on a string of %zu "
				 "bytes (match shorter fields, or use SQL)", pat, q, n);
			return luaL_error(L, "%s", msg);
		}
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

/* Replaces string[name] (table at idx) with the guarded wrapper. */
static void guard_pattern_function(lua_State *L, int idx, const char *name, int has_plain)
{
	lua_getfield(L, idx, name);
	lua_pushboolean(L, has_plain);
	lua_pushcclosure(L, guarded_match, 2);
	lua_setfield(L, idx, name);
}

/* ---- building the state --------------------------------------------------- */

static const char *const base_allowed[] = {
	"assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget",
	"rawlen", "select", "tonumber", "tostring", "type",
	"_VERSION", NULL};

struct lib {
	const char *name;
	lua_CFunction open;
};

static const struct lib libs[] = {
	{LUA_STRLIBNAME, luaopen_string}, {LUA_TABLIBNAME, luaopen_table},
	{LUA_MATHLIBNAME, luaopen_math},  {LUA_UTF8LIBNAME, luaopen_utf8},
	{LUA_COLIBNAME, luaopen_coroutine}, {NULL, NULL}};

/* Runs in protected mode: builds the environment (see sandbox.h). */
static int sb_setup(lua_State *L)
{
	int env, base;

	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, LOADED_KEY);

	luaL_requiref(L, "_G", luaopen_base, 0); /* the scratch globals */
	base = lua_gettop(L);
	lua_newtable(L);
	env = lua_gettop(L);
	for (int i = 0; base_allowed[i]; i++) {
		lua_getfield(L, base, base_allowed[i]);
		lua_setfield(L, env, base_allowed[i]);
	}
	lua_pushcfunction(L, sb_load);
	lua_setfield(L, env, "load");
	lua_pushcfunction(L, sb_print);
	lua_setfield(L, env, "print");
	lua_pushcfunction(L, sb_require);
	lua_setfield(L, env, "require");
	lua_pushcfunction(L, sb_rawset);
	lua_setfield(L, env, "rawset");
	lua_pushcfunction(L, sb_xpcall);
	lua_setfield(L, env, "xpcall");
	lua_getfield(L, base, "setmetatable");
	lua_pushcclosure(L, sb_setmetatable, 1);
	lua_setfield(L, env, "setmetatable");
	lua_pushvalue(L, env);
	lua_setfield(L, env, "_G");

	for (int i = 0; libs[i].name; i++) {
		luaL_requiref(L, libs[i].name, libs[i].open, 0);
		if (strcmp(libs[i].name, LUA_STRLIBNAME) == 0) {
			/* No string.dump, also not through ("").dump. */
			lua_pushnil(L);
			lua_setfield(L, -2, "dump");
			guard_pattern_function(L, lua_gettop(L), "find", 1);
			guard_pattern_function(L, lua_gettop(L), "match", 0);
			guard_pattern_function(L, lua_gettop(L), "gmatch", 0);
			guard_pattern_function(L, lua_gettop(L), "gsub", 0);
			/* The string metatable: __index stays the real table
			 * (unreachable), getmetatable("") gives a read-only view. */
			lua_pushliteral(L, "");
			lua_getmetatable(L, -1);
			lua_createtable(L, 0, 1);
			lua_pushvalue(L, -4);
			hk_sandbox_readonly(L, "string", 0);
			lua_setfield(L, -2, "__index");
			hk_sandbox_readonly(L, "string metatable", 0);
			lua_setfield(L, -2, "__metatable");
			lua_pop(L, 2);
		}
		hk_sandbox_readonly(L, libs[i].name, 0);
		lua_setfield(L, env, libs[i].name);
	}
	luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 0);
	lua_createtable(L, 0, 3);
	lua_getfield(L, -2, "time");
	lua_setfield(L, -2, "time");
	lua_getfield(L, -2, "date");
	lua_setfield(L, -2, "date");
	lua_getfield(L, -2, "clock");
	lua_setfield(L, -2, "clock");
	hk_sandbox_readonly(L, "os", 0);
	lua_setfield(L, env, "os");
	lua_pop(L, 1);

	lua_pushvalue(L, env);
	lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
	return 0;
}

static char *dupstr(const char *s)
{
	return s ? strdup(s) : NULL;
}

int hk_sandbox_new(hk_sandbox **out, const struct hk_limits *lim, const char *lib_dir,
		   const char *plugins_dir, const char *label)
{
	hk_sandbox *sb = calloc(1, sizeof(*sb));
	int err = HK_EINTERNAL;

	*out = NULL;
	if (!sb)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	if (lim)
		sb->lim = *lim;
	sb->lib_dir = dupstr(lib_dir);
	sb->plugins_dir = dupstr(plugins_dir);
	sb->label = dupstr(label ? label : "lua");
	if ((lib_dir && !sb->lib_dir) || (plugins_dir && !sb->plugins_dir) || !sb->label) {
		hk_error_set("out of memory");
		goto cleanup;
	}
	/* The setup itself is not charged to the rule's memory budget beyond
	 * what it really uses; make sure the cap cannot stop it. */
	{
		size_t cap = sb->lim.max_memory;
		sb->lim.max_memory = 0;
		sb->L = lua_newstate(sb_alloc, sb);
		if (!sb->L) {
			hk_error_set("cannot create a Lua state: out of memory");
			goto cleanup;
		}
		lua_atpanic(sb->L, sb_panic);
		lua_pushcfunction(sb->L, sb_setup);
		if (lua_pcall(sb->L, 0, 0, 0) != LUA_OK) {
			hk_error_set("cannot set up the Lua sandbox: %s", lua_tostring(sb->L, -1));
			goto cleanup;
		}
		/* Reserve the Lua stack once, for the whole life of the state
		 * (see HK_SANDBOX_STACK_RESERVE): it then never moves while a
		 * rule runs at any reasonable depth. */
		if (!lua_checkstack(sb->L, HK_SANDBOX_STACK_RESERVE)) {
			hk_error_set("cannot create a Lua state: out of memory");
			goto cleanup;
		}
		sb->lim.max_memory = cap ? cap + sb->used : 0;
	}
	*out = sb;
	return 0;
cleanup:
	hk_sandbox_free(sb);
	return err;
}

enum hk_stop hk_sandbox_close(hk_sandbox *sb)
{
	if (sb->L) {
		/* Finalizers of the rule run here, still under its budgets. */
		if (sb->stop)
			lua_sethook(sb->L, sb_hook, LUA_MASKCOUNT, 1);
		lua_close(sb->L);
		sb->L = NULL;
	}
	return (enum hk_stop)sb->stop;
}

void hk_sandbox_free(hk_sandbox *sb)
{
	if (!sb)
		return;
	hk_sandbox_close(sb);
	free(sb->lib_dir);
	free(sb->plugins_dir);
	free(sb->label);
	free(sb);
}

int hk_sandbox_loadfile(hk_sandbox *sb, const char *path)
{
	const char *text = NULL;
	size_t len = 0, skip = 0;
	char chunkname[1100];
	int err, st;

	/* the pack loader and the engine put the file in the store, checked */
	if ((err = hk_source_get(&text, &len, path, NULL)) < 0)
		return err;
	err = HK_EINPUT;
	/* As Lua's own loader (luaL_loadfilex): skip a UTF-8 BOM, and a first
	 * line starting with '#' (a shebang) but not its line feed, so that
	 * line numbers stay those of the file. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		skip = 3;
	if (skip < len && text[skip] == '#') {
		const char *nl = memchr(text + skip, '\n', len - skip);
		skip = nl ? (size_t)(nl - text) : len;
	}
	if (skip < len && text[skip] == LUA_SIGNATURE[0]) {
		hk_error_set("%s: a binary (precompiled) chunk: rules load text only", path);
		goto cleanup;
	}
	snprintf(chunkname, sizeof(chunkname), "@%s", path);
	st = luaL_loadbufferx(sb->L, text + skip, len - skip, chunkname, "t");
	if (st != LUA_OK) {
		hk_error_set("%s", lua_tostring(sb->L, -1));
		lua_pop(sb->L, 1);
		goto cleanup;
	}
	err = 0;
cleanup:
	return err;
}

int hk_sandbox_dofile_table(hk_sandbox *sb, const char *path)
{
	lua_State *L = sb->L;

	if (hk_sandbox_loadfile(sb, path) != 0)
		return luaL_error(L, "%s", hk_error_last());
	lua_call(L, 0, 1);
	if (!lua_istable(L, -1))
		return luaL_error(L, "%s: must return a table (got %s)", path, luaL_typename(L, -1));
	return lua_gettop(L);
}

/* Message handler: records where the error happened and turns the error
 * object into a string without calling any of its metamethods. */
static int sb_msgh(lua_State *L)
{
	hk_sandbox *sb = hk_sandbox_of(L);
	lua_Debug ar;

	int first = 1;
	size_t n = 0;

	sb->trace[0] = '\0';
	/* at most 10 Lua frames: a deep recursion has thousands */
	for (int level = 1, frames = 0; frames < 10 && level < 1000 && lua_getstack(L, level, &ar); level++) {
		if (!lua_getinfo(L, "Sln", &ar) || ar.currentline <= 0)
			continue;
		frames++;
		if (first && (!sb->where[0] || !sb->stop))
			snprintf(sb->where, sizeof(sb->where), "%s:%d", ar.short_src, ar.currentline);
		first = 0;
		/* the traceback: Lua frames only (the C ones say nothing to a rule author) */
		if (n < sizeof(sb->trace) - 1) {
			int k = ar.name ? snprintf(sb->trace + n, sizeof(sb->trace) - n, "\n  %s:%d: in function '%s'",
						   ar.short_src, ar.currentline, ar.name)
				: *ar.what == 'm' ? snprintf(sb->trace + n, sizeof(sb->trace) - n, "\n  %s:%d: in main chunk",
							     ar.short_src, ar.currentline)
				: snprintf(sb->trace + n, sizeof(sb->trace) - n, "\n  %s:%d: in function <%s:%d>", ar.short_src,
					   ar.currentline, ar.short_src, ar.linedefined);
			n = k > 0 ? n + (size_t)k : n;
			if (n >= sizeof(sb->trace))
				n = sizeof(sb->trace) - 1;
		}
	}
	if (lua_type(L, 1) != LUA_TSTRING)
		lua_pushfstring(L, "error object is a %s value", luaL_typename(L, 1));
	return 1;
}

const char *hk_sandbox_traceback(const hk_sandbox *sb)
{
	return sb->trace;
}

int hk_sandbox_pcall(hk_sandbox *sb, int nargs, int nresults)
{
	lua_State *L = sb->L;
	int base = lua_gettop(L) - nargs, st;
	char why[128];
	const char *msg, *where;
	size_t wl;

	sb->where[0] = sb->stop ? sb->where[0] : '\0';
	sb->trace[0] = '\0';
	lua_pushcfunction(L, sb_msgh);
	lua_insert(L, base);
	st = lua_pcall(L, nargs, nresults, base);
	lua_remove(L, base);
	if (st == LUA_OK && !sb->stop)
		return 0;
	if (st == LUA_OK) /* swallowed a stop and returned: still a failure */
		lua_settop(L, base - 1);
	else
		lua_settop(L, base - 1 + 1);
	where = sb->where[0] ? sb->where : sb->last;
	if (sb->stop) {
		msg = stop_text(sb, why, sizeof(why));
	} else if (st == LUA_ERRMEM) {
		msg = "out of memory";
	} else {
		msg = lua_tostring(L, -1);
		if (!msg)
			msg = "error object is not a string";
		/* Drop a "file:line: " prefix equal to where. */
		wl = strlen(where);
		if (wl && strncmp(msg, where, wl) == 0 && msg[wl] == ':' && msg[wl + 1] == ' ')
			msg += wl + 2;
	}
	if (where[0])
		hk_error_setc(HK_EINPUT, "%s: %s", where, msg);
	else
		hk_error_setc(HK_EINPUT, "%s", msg);
	if (st != LUA_OK)
		lua_pop(L, 1);
	return HK_EINPUT;
}
