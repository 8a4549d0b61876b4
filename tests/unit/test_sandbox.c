/*
 * test_sandbox.c - the Lua sandbox: allow-listed globals, read-only
 * libraries, text-only load, the three budgets, and Lua values to JSON.
 */
#include "base/buf.h"
#include "base/error.h"
#include "engine/luaval.h"
#include "engine/sandbox.h"
#include "test.h"

#include <lauxlib.h>

/* Runs `code` in a fresh sandbox; returns 0 or the error code, with the
 * message in hk_error_last(); `result` gets tostring of the first result. */
static int run_lua(const char *code, const struct hk_limits *lim, char *result, size_t n)
{
	struct hk_limits def = {100000000LL, 64u << 20, 5};
	hk_sandbox *sb = NULL;
	lua_State *L;
	int err;

	if (hk_sandbox_new(&sb, lim ? lim : &def, NULL, NULL, "test") != 0)
		return HK_EINTERNAL;
	L = hk_sandbox_lua(sb);
	hk_sandbox_start(sb);
	if (luaL_loadbufferx(L, code, strlen(code), "=code", "t") != LUA_OK) {
		hk_error_set("%s", lua_tostring(L, -1));
		hk_sandbox_free(sb);
		return HK_EINPUT;
	}
	err = hk_sandbox_pcall(sb, 0, 1);
	if (!err && result) {
		const char *s = lua_tostring(L, -1);
		snprintf(result, n, "%s", s ? s : "(non-string)");
	}
	hk_sandbox_free(sb);
	return err;
}

static void test_allow_list(void)
{
	char r[256];
	CHECK_EQ_INT(run_lua("return tostring(io) .. tostring(debug) .. tostring(package) .. tostring(dofile) "
			     ".. tostring(loadfile) .. tostring(collectgarbage) .. tostring(string.dump) "
			     ".. tostring(os.execute) .. tostring(os.getenv)", NULL, r, sizeof(r)), 0);
	CHECK_EQ_STR(r, "nilnilnilnilnilnilnilnilnil");
	CHECK_EQ_INT(run_lua("return string.format('%d %s %s', math.max(1, 2), table.concat({'a','b'}), "
			     "utf8.char(0x6C47)) .. type(os.time()) .. type(coroutine.wrap)", NULL, r, sizeof(r)), 0);
	CHECK_EQ_STR(r, "2 ab 汇numberfunction");
}

static void test_readonly(void)
{
	CHECK_EQ_INT(run_lua("string.upper = nil", NULL, NULL, 0), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "read-only table 'string'") != NULL);
	CHECK_EQ_INT(run_lua("table.x = 1", NULL, NULL, 0), HK_EINPUT);
	CHECK_EQ_INT(run_lua("getmetatable('').__index.len = nil", NULL, NULL, 0), HK_EINPUT);
	CHECK_EQ_INT(run_lua("rawset(math, 'pi', 3)", NULL, NULL, 0), HK_EINPUT);
	CHECK_EQ_INT(run_lua("setmetatable(os, {})", NULL, NULL, 0), HK_EINPUT);
	/* reading works, pairs and # see through the proxy */
	{
		char r[64];
		CHECK_EQ_INT(run_lua("local n = 0 for k in pairs(string) do n = n + 1 end "
				     "return tostring(n > 10) .. #setmetatable({}, {}) .. ('x'):rep(3)", NULL, r,
				     sizeof(r)), 0);
		CHECK_EQ_STR(r, "true0xxx");
	}
	/* globals of the rule itself are its own */
	CHECK_EQ_INT(run_lua("x = 1; _G.y = 2; return x + y", NULL, NULL, 0), 0);
}

static void test_text_only_load(void)
{
	char r[128];
	CHECK_EQ_INT(run_lua("return select(2, load('\\27Lua garbage'))", NULL, r, sizeof(r)), 0);
	CHECK(strstr(r, "binary chunks are not allowed") != NULL);
	CHECK_EQ_INT(run_lua("return select(2, load('return 1', 'x', 'b'))", NULL, r, sizeof(r)), 0);
	CHECK(strstr(r, "binary chunks are not allowed") != NULL);
	CHECK_EQ_INT(run_lua("return load('return 1 + 1')()", NULL, r, sizeof(r)), 0);
	CHECK_EQ_STR(r, "2");
	CHECK_EQ_INT(run_lua("return load('return x', 'c', 't', {x = 'env'})()", NULL, r, sizeof(r)), 0);
	CHECK_EQ_STR(r, "env");
}

static void test_instruction_budget_refires(void)
{
	struct hk_limits lim = {1000000, 64u << 20, 20};
	CHECK_EQ_INT(run_lua("while true do pcall(function() while true do end end) end", &lim, NULL, 0), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "code:1: instruction budget exceeded (1000000 instructions)") != NULL);
	CHECK_EQ_INT(run_lua("local ok = pcall(function() while true do end end) return 'escaped'", &lim, NULL, 0),
		     HK_EINPUT);
	CHECK(strstr(hk_error_last(), "instruction budget exceeded") != NULL);
}

static void test_memory_budget(void)
{
	struct hk_limits lim = {0, 8u << 20, 20};
	CHECK_EQ_INT(run_lua("local t = {} while true do t[#t + 1] = ('x'):rep(1000) .. #t end", &lim, NULL, 0),
		     HK_EINPUT);
	CHECK(strstr(hk_error_last(), "memory budget exceeded (8 MB)") != NULL);
	CHECK_EQ_INT(run_lua("while true do pcall(string.rep, 'x', 1 << 29) end", &lim, NULL, 0), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "memory budget exceeded") != NULL);
}

static void test_time_budget(void)
{
	struct hk_limits lim = {0, 64u << 20, 0.2};
	CHECK_EQ_INT(run_lua("while true do end", &lim, NULL, 0), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "time budget exceeded (0.2 s wall clock)") != NULL);
}

static void test_no_gc_and_xpcall_handler(void)
{
	struct hk_limits lim = {1000000, 64u << 20, 20};
	CHECK_EQ_INT(run_lua("setmetatable({}, {__gc = true})", &lim, NULL, 0), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "__gc metamethods are not allowed") != NULL);
	CHECK_EQ_INT(run_lua("xpcall(function() while true do end end, function() while true do end end)", &lim,
			     NULL, 0), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "instruction budget exceeded") != NULL);
	{
		char r[64];
		CHECK_EQ_INT(run_lua("return select(2, xpcall(error, function(e) return 'handled ' .. e end, 'x', 0))",
				     &lim, r, sizeof(r)), 0);
		CHECK_EQ_STR(r, "handled x");
	}
}

static void test_error_objects(void)
{
	CHECK_EQ_INT(run_lua("error(setmetatable({}, {__tostring = function() while true do end end}))", NULL, NULL, 0),
		     HK_EINPUT);
	CHECK_EQ_STR(hk_error_last(), "code:1: error object is a table value");
	CHECK_EQ_INT(run_lua("local x = nil\nreturn x.y", NULL, NULL, 0), HK_EINPUT);
	CHECK_EQ_STR(hk_error_last(), "code:2: attempt to index a nil value (local 'x')");
}

static void test_require_restricted(void)
{
	CHECK_EQ_INT(run_lua("require 'os'", NULL, NULL, 0), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "module 'os' not found") != NULL);
	CHECK_EQ_INT(run_lua("require '../x'", NULL, NULL, 0), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "bad module name") != NULL);
}

static void test_pattern_guard(void)
{
	char r[64];
	CHECK_EQ_INT(run_lua("return string.rep('a', 100000):find('.-.-.-b')", NULL, NULL, 0), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "with 3 quantifiers is too costly on a string of 100000 bytes") != NULL);
	/* short fields, escaped characters, sets and plain find are fine */
	CHECK_EQ_INT(run_lua("local y, m, d = ('2020-06-30'):match('^(%d+)%-(%d+)%-(%d+)$') "
			     "return y .. m .. d .. #string.rep('a-b', 100000):gsub('[a-z]', 'x') "
			     ".. tostring(string.rep('x', 1000000):find('.-.-', 1, true))", NULL, r, sizeof(r)), 0);
	CHECK_EQ_STR(r, "20200630300000nil");
}

static void test_luaval_json(void)
{
	hk_sandbox *sb = NULL;
	hk_buf b = HK_BUF_INIT;
	lua_State *L;
	const char *code = "return { z = 1, a = { 3, 2.5, 'x\"' }, m = { [2020] = 4000, [2019] = 3747 }, "
			   "t = true, e = {} }";

	CHECK_EQ_INT(hk_sandbox_new(&sb, NULL, NULL, NULL, "t"), 0);
	L = hk_sandbox_lua(sb);
	CHECK_EQ_INT(luaL_loadstring(L, code), LUA_OK);
	lua_call(L, 0, 1);
	CHECK_EQ_INT(hk_luaval_json(&b, L, -1, "v"), 0);
	CHECK_EQ_STR(b.ptr, "{\"a\":[3,2.5,\"x\\\"\"],\"e\":{},\"m\":{\"2019\":3747,\"2020\":4000},\"t\":true,\"z\":1}");
	hk_buf_clear(&b);
	CHECK_EQ_INT(hk_luaval_literal(&b, L, -1, "v"), 0);
	CHECK(strstr(b.ptr, "[\"m\"]={[2019]=3747,[2020]=4000}") != NULL);
	CHECK(strstr(b.ptr, "[\"a\"]={3,2.5,\"x\\\"\"}") != NULL);
	hk_buf_clear(&b);
	lua_pushnumber(L, 3.0);
	CHECK_EQ_INT(hk_luaval_literal(&b, L, -1, "v"), 0);
	CHECK_EQ_STR(b.ptr, "3.0");
	hk_buf_clear(&b);
	lua_newtable(L);
	lua_pushboolean(L, 1);
	lua_pushinteger(L, 1);
	lua_settable(L, -3);
	CHECK_EQ_INT(hk_luaval_json(&b, L, -1, "ev"), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "ev: a boolean key cannot be serialised") != NULL);
	hk_buf_free(&b);
	hk_sandbox_free(sb);
}

int main(void)
{
	RUN(test_allow_list);
	RUN(test_readonly);
	RUN(test_text_only_load);
	RUN(test_instruction_budget_refires);
	RUN(test_memory_budget);
	RUN(test_time_budget);
	RUN(test_no_gc_and_xpcall_handler);
	RUN(test_error_objects);
	RUN(test_require_restricted);
	RUN(test_pattern_guard);
	RUN(test_luaval_json);
	return TEST_DONE();
}
