/*
 * luaval.c - Lua values to JSON and to Lua literals, deterministically (see
 * luaval.h). One walker serves both forms; they differ only in how scalars,
 * keys and brackets are spelled.
 */
#include "engine/luaval.h"
#include "base/array.h"
#include "base/text.h"
#include "base/error.h"
#include "base/json.h"
#include "engine/sandbox.h"

#include <lauxlib.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum form { FORM_JSON, FORM_LUA };

struct key {
	int is_int;
	lua_Integer i;
	const char *s; /* owned by the Lua stack (keys table) */
	size_t len;
};

static int cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	size_t n;
	int c;

	if (x->is_int && y->is_int)
		return x->i < y->i ? -1 : x->i > y->i;
	if (x->is_int != y->is_int)
		return x->is_int ? -1 : 1;
	n = x->len < y->len ? x->len : y->len;
	c = memcmp(x->s, y->s, n);
	return c ? c : (x->len < y->len ? -1 : x->len > y->len);
}

static int put_number(hk_buf *b, lua_State *L, int idx, enum form form, const char *path)
{
	char tmp[64];
	double d;

	if (lua_isinteger(L, idx)) {
		/* Lua reads the literal -9223372036854775808 as minus a float:
		 * math.mininteger needs an expression that folds to an integer. */
		if (form == FORM_LUA && lua_tointeger(L, idx) == LUA_MININTEGER)
			return hk_buf_puts(b, "(-9223372036854775807-1)");
		return hk_buf_printf(b, "%lld", (long long)lua_tointeger(L, idx));
	}
	d = lua_tonumber(L, idx);
	if (!isfinite(d))
		return hk_error_setc(HK_EINPUT, "%s: %g cannot be serialised (not a finite number)", path, d);
	snprintf(tmp, sizeof(tmp), "%.15g", d);
	if (strtod(tmp, NULL) != d)
		snprintf(tmp, sizeof(tmp), "%.17g", d);
	if (form == FORM_LUA && !strpbrk(tmp, ".eE"))
		strcat(tmp, ".0");
	return hk_buf_puts(b, tmp);
}

static int put_lua_string(hk_buf *b, const char *s, size_t len)
{
	int err = hk_buf_putc(b, '"');
	for (size_t i = 0; i < len && !err; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			err = hk_buf_printf(b, "\\%c", c);
		else if (c < 32 || c == 127)
			err = hk_buf_printf(b, "\\%03u", c);
		else
			err = hk_buf_putc(b, (char)c);
	}
	return err ? err : hk_buf_putc(b, '"');
}

/* JSON text is UTF-8, and a NUL (\u0000) does not come back from a
 * reader that hands out C strings (json.h refuses it): both are refused
 * here, naming where the string is. */
static int check_json_text(const char *s, size_t len, const char *path)
{
	const char *nul = memchr(s, '\0', len);
	size_t bad;

	if (nul)
		return hk_error_setc(HK_EINPUT, "%s: a string with a NUL byte (at byte %zu) cannot be written",
				     path, (size_t)(nul - s) + 1);
	if ((bad = hk_text_utf8_invalid(s, len)) < len)
		return hk_error_setc(HK_EINPUT,
				     "%s: not valid UTF-8 (byte %zu is 0x%02X): strings must be UTF-8 text", path,
				     bad + 1, (unsigned)(unsigned char)s[bad]);
	return 0;
}

static int put_string(hk_buf *b, const char *s, size_t len, enum form form, const char *path)
{
	int err;

	if (form == FORM_LUA)
		return put_lua_string(b, s, len);
	return (err = check_json_text(s, len, path)) != 0 ? err : hk_json_put_str(b, s, len);
}

static int put_value(hk_buf *b, lua_State *L, int idx, enum form form, const char *path, int depth);

/* Writes the table at idx (absolute index). */
static int put_table(hk_buf *b, lua_State *L, int idx, enum form form, const char *path, int depth)
{
	struct key *keys = NULL;
	size_t n = 0, cap = 0;
	int is_list = 1, err = 0, top = lua_gettop(L), keyt;
	char sub[256];

	if (depth >= HK_LUAVAL_MAX_DEPTH)
		return hk_error_setc(HK_EINPUT, "%s: nested deeper than %d levels (a cycle?)", path,
				     HK_LUAVAL_MAX_DEPTH);
	if (hk_sandbox_unproxy(L, idx))
		idx = lua_gettop(L);
	lua_newtable(L); /* keeps key strings alive */
	keyt = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		struct key k = {0};
		lua_pop(L, 1);
		if (lua_type(L, -1) == LUA_TNUMBER && lua_isinteger(L, -1)) {
			k.is_int = 1;
			k.i = lua_tointeger(L, -1);
		} else if (lua_type(L, -1) == LUA_TSTRING) {
			k.s = lua_tolstring(L, -1, &k.len);
			lua_pushvalue(L, -1);
			lua_rawseti(L, keyt, (lua_Integer)n + 1);
			is_list = 0;
		} else {
			err = hk_error_setc(HK_EINPUT, "%s: a %s key cannot be serialised (use string keys)",
					    path, luaL_typename(L, -1));
			goto cleanup;
		}
		if ((err = HK_ARRAY_GROW(keys, cap, n + 1)) != 0)
			goto cleanup;
		keys[n++] = k;
	}
	if (n)
		qsort(keys, n, sizeof(*keys), cmp_key);
	for (size_t i = 0; i < n && is_list; i++)
		if (!keys[i].is_int || keys[i].i != (lua_Integer)i + 1)
			is_list = 0;
	if (n == 0 && form == FORM_JSON) {
		err = hk_buf_puts(b, "{}");
		goto cleanup;
	}
	err = hk_buf_putc(b, is_list && form == FORM_JSON ? '[' : '{');
	for (size_t i = 0; i < n && !err; i++) {
		if (i)
			err = hk_buf_putc(b, ',');
		if (keys[i].is_int) {
			lua_pushinteger(L, keys[i].i);
			snprintf(sub, sizeof(sub), "%s[%lld]", path, (long long)keys[i].i);
			if (!is_list && form == FORM_JSON)
				err = err ? err : hk_buf_printf(b, "\"%lld\":", (long long)keys[i].i);
			else if (!is_list)
				err = err ? err : hk_buf_printf(b, "[%lld]=", (long long)keys[i].i);
		} else {
			lua_pushlstring(L, keys[i].s, keys[i].len);
			snprintf(sub, sizeof(sub), "%s.%.*s", path, (int)(keys[i].len > 64 ? 64 : keys[i].len),
				 keys[i].s);
			if (form == FORM_JSON) {
				err = err ? err : put_string(b, keys[i].s, keys[i].len, form, sub);
				err = err ? err : hk_buf_putc(b, ':');
			} else {
				err = err ? err : hk_buf_putc(b, '[');
				err = err ? err : put_lua_string(b, keys[i].s, keys[i].len);
				err = err ? err : hk_buf_puts(b, "]=");
			}
		}
		lua_rawget(L, idx);
		err = err ? err : put_value(b, L, lua_gettop(L), form, sub, depth + 1);
		lua_pop(L, 1);
	}
	if (!err)
		err = hk_buf_putc(b, is_list && form == FORM_JSON ? ']' : '}');
cleanup:
	free(keys);
	lua_settop(L, top);
	return err;
}

static int put_value(hk_buf *b, lua_State *L, int idx, enum form form, const char *path, int depth)
{
	size_t len;
	const char *s;

	switch (lua_type(L, idx)) {
	case LUA_TSTRING:
		s = lua_tolstring(L, idx, &len);
		return put_string(b, s, len, form, path);
	case LUA_TNUMBER:
		return put_number(b, L, idx, form, path);
	case LUA_TBOOLEAN:
		return hk_buf_puts(b, lua_toboolean(L, idx) ? "true" : "false");
	case LUA_TTABLE:
		luaL_checkstack(L, 8, "serialise");
		return put_table(b, L, idx, form, path, depth);
	default:
		return hk_error_setc(HK_EINPUT, "%s: a %s value cannot be serialised", path,
				     luaL_typename(L, idx));
	}
}

int hk_luaval_json(hk_buf *b, lua_State *L, int idx, const char *what)
{
	return put_value(b, L, lua_absindex(L, idx), FORM_JSON, what, 0);
}

int hk_luaval_literal(hk_buf *b, lua_State *L, int idx, const char *what)
{
	return put_value(b, L, lua_absindex(L, idx), FORM_LUA, what, 0);
}

int hk_luaval_unknown_key(lua_State *L, int idx, const char *const *known, char *out, size_t outsz)
{
	idx = lua_absindex(L, idx);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		int ok = 0;
		lua_pop(L, 1);
		for (int i = 0; known[i] && lua_type(L, -1) == LUA_TSTRING; i++)
			ok |= strcmp(known[i], lua_tostring(L, -1)) == 0;
		if (!ok) {
			snprintf(out, outsz, "%s",
				 lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : luaL_typename(L, -1));
			lua_pop(L, 1);
			return 1;
		}
	}
	return 0;
}
