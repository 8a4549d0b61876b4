#!/usr/bin/env bash
# Editor support stays true: audits/huikan.meta.lua declares exactly what a
# rule can call (ctx's members, every function of every plugin), and
# .luacheckrc's globals are exactly the sandbox's; luacheck is clean on every
# shipped rule, test, library and plugin.
. "$(dirname "$0")/lib.bash"

META=$ROOT/audits/huikan.meta.lua
plugins=$(cd "$ROOT/plugins" && ls *.lua | sed 's/\.lua$//' | tr '\n' ' ')
"$HUIKAN" new pack "$T/pk" >/dev/null
cat >"$T/pk/rules/env.lua" <<LUA
return {
	id = "t.env", title = "env", category = "t", severity = "info", entity = "household",
	check = function(ctx, params)
		local out = {}
		for k in pairs(ctx) do out[#out + 1] = "ctx." .. k end
		for k in pairs(_G) do out[#out + 1] = "global." .. k end
		for k in pairs(os) do out[#out + 1] = "os." .. k end
		for name in ("$plugins"):gmatch("%S+") do
			for k, v in pairs(require(name)) do
				if type(v) == "function" then out[#out + 1] = name .. "." .. k end
			end
		end
		table.sort(out)
		for _, s in ipairs(out) do ctx:log(s) end
	end,
}
LUA
"$HUIKAN" import "$ROOT/tests/fixtures/small" --db "$T/r.db" >/dev/null 2>&1
"$HUIKAN" run "$T/pk" --db "$T/r.db" -q >/dev/null 2>"$T/err"
sed -n 's/^huikan: \[t.env\] //p' "$T/err" | sort >"$T/env"
[ "$(wc -l <"$T/env")" -gt 40 ] && ok "the sandbox lists its environment" || not_ok "env: $(cat "$T/err")"

# what the meta file declares: Ctx methods and fields, plugin functions
lua5.4 - "$META" <<'LUA' | sort >"$T/meta"
local in_ctx = false
for line in io.lines(arg[1]) do
	if line:match("^%-%-%-@class huikan%.Ctx") then in_ctx = true
	elseif not line:match("^%-%-%-") then in_ctx = false end
	local f = in_ctx and line:match("^%-%-%-@field ([%w_]+)")
	if f then print("ctx." .. f) end
	local obj, sep, name = line:match("^function ([%w_]+)([:.])([%w_]+)%(")
	if obj then print((obj == "Ctx" and "ctx" or obj) .. "." .. name) end
end
LUA
grep -E '^(ctx|'"$(echo $plugins | tr ' ' '|')"')\.' "$T/env" >"$T/callable"
if diff "$T/callable" "$T/meta" >"$T/diff"; then
	ok "huikan.meta.lua declares every ctx member and plugin function ($(wc -l <"$T/meta")), and nothing else"
else
	not_ok "huikan.meta.lua and the sandbox differ (< sandbox only, > meta only): $(grep '^[<>]' "$T/diff" | tr '\n' ' ')"
fi

# .luacheckrc's read_globals against the sandbox's _G and os
lua5.4 - "$ROOT/.luacheckrc" <<'LUA' | sort >"$T/rc"
local env = { stds = {}, files = {} }
assert(loadfile(arg[1], "t", env))()
for k, v in pairs(env.stds.huikan_sandbox.read_globals) do
	if type(k) == "number" then print("global." .. v)
	else
		print("global." .. k)
		for _, f in ipairs(v.fields) do print(k .. "." .. f) end
	end
end
LUA
grep -E '^(global|os)\.' "$T/env" >"$T/globals"
if diff "$T/globals" "$T/rc" >"$T/diff"; then
	ok ".luacheckrc's globals are the sandbox's ($(wc -l <"$T/rc"))"
else
	not_ok ".luacheckrc and the sandbox differ (< sandbox, > luacheckrc): $(grep '^[<>]' "$T/diff" | tr '\n' ' ')"
fi

if ! command -v luacheck >/dev/null; then
	not_ok "luacheck not found: apt-get install lua-check (scripts/packages.txt)"
	exit 0
fi
if (cd "$ROOT" && luacheck -q --no-color audits plugins tests/packs) >"$T/lc" 2>&1; then
	ok "luacheck is clean on audits/, plugins/ and tests/packs ($(tail -n 1 "$T/lc"))"
else
	not_ok "luacheck: $(grep -v '^Total' "$T/lc" | head -20 | tr '\n' ' ')"
fi
# and it catches what it is for: a global typo and io in a rule
printf 'local x = 1\nreturn { check = function(ctx) io.write(x); undefined_thing() end }\n' >"$T/pk/rules/bad.lua"
if (cd "$ROOT" && luacheck --no-color --config "$ROOT/.luacheckrc" "$T/pk/rules/bad.lua") >"$T/lc" 2>&1; then
	not_ok "luacheck passed a rule using io and an undefined global"
else
	grep -q "accessing undefined variable 'io'" "$T/lc" && grep -q "undefined_thing" "$T/lc" &&
		ok "luacheck flags io and undefined globals in a rule" || not_ok "luacheck bad rule: $(cat "$T/lc")"
fi
