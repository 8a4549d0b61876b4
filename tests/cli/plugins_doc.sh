#!/usr/bin/env bash
# docs/plugins.md against the plugins: every function of plugins/*.lua has
# its entry with the same parameters (and no entry names a missing one), and
# every example line "EXPR  --> RESULT" gives that result.
. "$(dirname "$0")/lib.bash"

DOC=$ROOT/docs/plugins.md
for f in "$ROOT"/plugins/*.lua; do
	m=$(basename "$f" .lua)
	sed -n 's/^function M\.\([a-z_0-9]*\)(\(.*\))$/'"$m"'.\1(\2)/p' "$f"
done | sort >"$T/code"
sed -n 's/^### \([a-z_0-9]*\.[a-z_0-9]*(.*)\)$/\1/p' "$DOC" | sort >"$T/doc"
[ "$(wc -l <"$T/code")" -ge 30 ] && diff "$T/code" "$T/doc" >"$T/diff" &&
	ok "docs/plugins.md documents every plugin function with its parameters ($(wc -l <"$T/code"))" ||
	not_ok "docs/plugins.md and plugins/ differ (< code only, > doc only): $(grep '^[<>]' "$T/diff" | tr '\n' ' ')"

grep -v "^Each example" "$DOC" | grep -- "  --> " >"$T/examples"
cd "$ROOT" && lua5.4 - "$T/examples" <<'LUA' >"$T/out" 2>&1
package.path = "plugins/?.lua;" .. package.path
local env = { string = string, money = require "money", dates = require "dates", period = require "period",
	idcard = require "idcard", benford = require "benford", region = require "region",
	say = require "say", terms = require "terms" }
local function show(...)
	local t, s = table.pack(...), {}
	for i = 1, t.n do
		local v = t[i]
		s[#s + 1] = type(v) == "string" and string.format("%q", v) or tostring(v)
	end
	return table.concat(s, ", ")
end
for line in io.lines(arg[1]) do
	local expr, want = line:match("^(.-)  %-%-> (.*)$")
	local f = load("return " .. expr, "=example", "t", env)
	local ok, got = pcall(function() return show(f()) end)
	if ok and got == want then print("ok - example: " .. expr)
	else print("not ok - example: " .. expr .. " gives " .. tostring(got) .. ", the doc says " .. want) end
end
LUA
cat "$T/out"
[ "$(grep -c '^ok - example' "$T/out")" -ge 30 ] && ok "at least 30 examples ran" || not_ok "too few examples ran"
