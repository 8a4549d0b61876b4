-- luacheck configuration for the rules, tests, pack libraries and plugins
-- (make check runs `luacheck audits plugins tests/packs`; Debian lua-check).
-- Rules run in the sandbox of docs/rules-authoring.md: only these globals
-- exist there (no io, debug, package, dofile, loadfile, collectgarbage; os
-- has time, date and clock only).
stds.huikan_sandbox = {
	read_globals = {
		"assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget",
		"rawlen", "rawset", "select", "setmetatable", "tonumber", "tostring", "type", "xpcall", "load",
		"print", "require", "_G", "_VERSION", "string", "table", "math", "utf8", "coroutine",
		os = { fields = { "time", "date", "clock" } },
	},
}
std = "huikan_sandbox"
max_line_length = false -- SQL reads better unwrapped
unused_args = false     -- check(ctx, params) need not use both
files["plugins/demo"] = { std = "lua54" } -- the demo generator runs trusted, with the standard libraries
files["audits/huikan.meta.lua"] = { ignore = { "241" } } -- declarations only: tables filled, never read
