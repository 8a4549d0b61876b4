/*
 * luaval.h - writing Lua values out: as JSON (finding evidence, run params)
 * and as Lua literals (params carried into each rule's fresh state); and
 * checking the keys of a table an author wrote.
 *
 * Both are deterministic: object keys are sorted (byte order); a table whose
 * keys are exactly 1..n is a list. Read-only proxies (sandbox.h) are looked
 * through. No metamethod is ever called.
 */
#ifndef HK_LUAVAL_H
#define HK_LUAVAL_H

#include "base/buf.h"

#include <lua.h>

#define HK_LUAVAL_MAX_DEPTH 32

/* Appends the value at idx as JSON: strings (UTF-8 without NUL bytes: JSON
 * text is UTF-8, and a NUL would cut the text where C reads it back),
 * numbers (finite), booleans, and tables of those (nested up to
 * HK_LUAVAL_MAX_DEPTH; keys strings or integers). Returns 0, or HK_EINPUT
 * with a message naming the offending path (e.g. "evidence.members[2]: a
 * function cannot be serialised"); `what` names the value in messages. */
int hk_luaval_json(hk_buf *b, lua_State *L, int idx, const char *what);

/* Appends the value at idx as a Lua literal that loads back to an equal value
 * (integers stay integers, floats stay floats). Same values allowed as JSON.
 * Returns 0 or HK_EINPUT as hk_luaval_json. */
int hk_luaval_literal(hk_buf *b, lua_State *L, int idx, const char *what);

/* Looks for a key of the table at idx that is not in known (a list ending in
 * NULL): returns 1 with that key in out (its type name when it is not a
 * string), or 0 when every key is known. For the tables rule authors write
 * (a rule, pack.lua, a test case, a typed parameter), where a misspelt field
 * would otherwise be ignored. lua_next: no metamethod is called. */
int hk_luaval_unknown_key(lua_State *L, int idx, const char *const *known, char *out, size_t outsz);

#endif
