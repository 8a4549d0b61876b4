#!/usr/bin/env bash
# A failing rule points at its file and line with the Lua traceback; a bad
# SQL statement shows the statement and the failing part.
. "$(dirname "$0")/lib.bash"

"$HUIKAN" import "$ROOT/tests/fixtures/small" --db "$T/r.db" >/dev/null 2>&1
"$HUIKAN" new pack "$T/pk" >/dev/null
cat >"$T/pk/lib/helper.lua" <<'LUA'
local M = {}
function M.sum(rows)
	local n = 0
	for _, r in ipairs(rows) do n = n + r.size end
	return n
end
return M
LUA
cat >"$T/pk/rules/t.err.lua" <<'LUA'
local helper = require "helper"
return {
	id = "t.err", title = "err", category = "t", severity = "info", entity = "household",
	check = function(ctx, params)
		local rows = {}
		for h in ctx:rows("SELECT id FROM households") do rows[#rows + 1] = h end
		local n = helper.sum(rows)
		return n
	end,
}
LUA
cat >"$T/pk/rules/t.sql.lua" <<'LUA'
return {
	id = "t.sql", title = "sql", category = "t", severity = "info", entity = "household",
	check = function(ctx, params)
		for _ in ctx:rows("SELECT id FROM households WHERE sise > 3") do end
	end,
}
LUA
run_hk "$T/out" "$T/err" run "$T/pk" --db "$T/r.db" -q
[ "$rc" -eq 3 ] && grep -q "^huikan run: rule t.err failed: $T/pk/lib/helper.lua:4: attempt to perform arithmetic on a nil value (field 'size')$" "$T/err" &&
	grep -q "^stack traceback:$" "$T/err" && grep -q "^  $T/pk/lib/helper.lua:4: in function 'sum'$" "$T/err" &&
	grep -q "^  $T/pk/rules/t.err.lua:7: in function <$T/pk/rules/t.err.lua:4>$" "$T/err" &&
	ok "a rule error names file:line and gives the Lua traceback" || not_ok "traceback: rc=$rc $(cat "$T/err")"
grep -q "^huikan run: rule t.sql failed: $T/pk/rules/t.sql.lua:4: ctx:rows: SQL error: no such column: sise at offset 32:$" "$T/err" &&
	grep -q "^    SELECT id FROM households WHERE sise > 3$" "$T/err" && grep -Eq "^ {36}\^$" "$T/err" &&
	ok "an SQL error shows the statement and where it fails" || not_ok "sql error: $(cat "$T/err")"
echo 'return { { name = "one", data = { households = { { id = "H1", village_code = "1", size = 1, status = "poor", registered_year = 2016 } } }, expect = {} } }' \
	>"$T/pk/rules/t.err.test.lua"
run_hk "$T/out" "$T/err" test "$T/pk/rules/t.err.lua"
grep -q "^    the rule failed: .*helper.lua:4: attempt" "$T/out" && grep -q "^    stack traceback:$" "$T/out" &&
	ok "huikan test shows the traceback too, indented" || not_ok "test traceback: $(cat "$T/out")"

# the caret under an SQL error keeps the tabs and the width of Chinese text
# before it, so that it stands under the failing name in a terminal
printf 'return {\n\tid = "t.tab", title = "tab", category = "t", severity = "info", entity = "household",\n\tcheck = function(ctx)\n\t\tfor _ in ctx:rows([[\n\t\t\tSELECT id\n\t\t\tFROM households\n\t\t\tWHERE status = '"'"'脱贫户'"'"' AND sise > 3]]) do end\n\tend,\n}\n' >"$T/pk/rules/t.tab.lua"
run_hk "$T/out" "$T/err" run "$T/pk" --db "$T/r.db" -q --rules t.tab
check "a tab-indented SQL line is shown as it is" grep -qP "^    \t\t\tWHERE status = '脱贫户' AND sise > 3$" "$T/err"
check "... and the caret line has its tabs, and two columns a Chinese character" \
	grep -qP "^    \t\t\t {28}\^$" "$T/err"

# a misspelt field of a rule or of pack.lua is an error naming the file
sed 's/^\tcheck = function/\tparam = { n = 1 },\n\tcheck = function/' "$T/pk/rules/t.tab.lua" >"$T/pk/rules/t.param.lua"
sed -i 's/"t.tab"/"t.param"/' "$T/pk/rules/t.param.lua"
run_hk "$T/out" "$T/err" rules "$T/pk"
check "a rule with a misspelt field does not load (exit 3)" test "$rc" -eq 3
check "... named with the field and the fields there are" \
	grep -qF "$T/pk/rules/t.param.lua: unknown field 'param' of a rule (id, title, title_en, category, severity, entity, description, description_zh, basis, basis_zh, params, check)" "$T/err"
rm "$T/pk/rules/t.param.lua"
sed -i 's/^\(\s*\)version = /\1verison = /' "$T/pk/pack.lua"
run_hk "$T/out" "$T/err" rules "$T/pk"
check "a pack.lua with a misspelt field is refused" grep -qF "$T/pk/pack.lua: unknown field 'verison' of pack.lua (name, version, description, description_en, params)" "$T/err"
