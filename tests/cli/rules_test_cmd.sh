#!/usr/bin/env bash
# huikan rules (the catalogue) and huikan test (the tests beside the rules):
# passing tests, a failing test with its diff, broken test files.
. "$(dirname "$0")/lib.bash"

PACK=$ROOT/tests/packs/sample

run_hk "$T/out" "$T/err" rules --help
[ "$rc" -eq 0 ] && grep -q "^usage: huikan rules" "$T/out" && ok "rules --help" || not_ok "rules --help"
run_hk "$T/out" "$T/err" rules "$PACK"
[ "$rc" -eq 0 ] && grep -Eq "^sample.big-household +sample +low +household +household larger than max_size$" "$T/out" &&
	grep -q "^3 rules in pack sample 1.0" "$T/out" && ok "rules lists id, category, severity, entity, title" ||
	not_ok "rules list: $(cat "$T/out" "$T/err")"
run_hk "$T/out" "$T/err" rules "$PACK" sample.exit-below-line
grep -q "basis:     2016 opinion on the poverty exit mechanism; docs/rules.md" "$T/out" &&
	grep -Eq "poverty_line +table +\{\[2014\]=2800,.*\[2020\]=4000\} +\(pack\)" "$T/out" &&
	ok "rules RULE: basis and params with the pack's value" || not_ok "rules RULE: $(cat "$T/out")"
run_hk "$T/out" "$T/err" rules "$PACK" 'sample.b*' --json
[ "$(wc -l <"$T/out")" -eq 1 ] && grep -q '"params":{"max_size":6}' "$T/out" && ok "rules GLOB --json" ||
	not_ok "rules --json: $(cat "$T/out")"
run_hk "$T/out" "$T/err" rules "$PACK" nothing.here
[ "$rc" -eq 2 ] && grep -q "no rule of pack sample matches" "$T/err" && ok "rules: unknown rule" || not_ok "unknown rule"

run_hk "$T/out" "$T/err" test "$PACK"
[ "$rc" -eq 0 ] && [ "$(tail -n 1 "$T/out")" = "7 passed, 0 failed" ] && ok "test PACK: 7 passed" ||
	not_ok "test PACK: rc=$rc $(cat "$T/out" "$T/err")"
run_hk "$T/out" "$T/err" test "$PACK/rules/size_mismatch.lua" "$PACK/rules/below_line.test"
[ "$rc" -eq 0 ] && [ "$(tail -n 1 "$T/out")" = "4 passed, 0 failed" ] && ok "test RULE-FILE and fixture dir" ||
	not_ok "test RULE-FILE: $(cat "$T/out" "$T/err")"

# a wrong expectation fails with a diff
cp -r "$PACK" "$T/pk"
cat >"$T/pk/rules/big_household.test.lua" <<'LUA'
return {
	fixture = "FIXTURE",
	cases = {
		{ name = "wrong on purpose", params = { max_size = 2 },
		  expect = { "household:H001", "household:H002" }, expect_not = { "household:H003" } },
	},
}
LUA
sed -i "s|FIXTURE|$ROOT/tests/fixtures/small|" "$T/pk/rules/big_household.test.lua"
run_hk "$T/out" "$T/err" test "$T/pk"
grep -q "^not ok - sample.big-household: wrong on purpose" "$T/out" &&
	grep -q "^    - household:H002   (expected, not found)" "$T/out" &&
	grep -q "^    + household:H003   (found, must not be)" "$T/out" &&
	grep -q "^    expected: household:H001 household:H002" "$T/out" &&
	[ "$(tail -n 1 "$T/out")" = "4 passed, 1 failed" ] && [ "$rc" -eq 1 ] &&
	ok "failing test prints a diff, exit 1" || not_ok "failing test: rc=$rc $(cat "$T/out" "$T/err")"

# a test file that errors, and a registry that breaks the contract
echo 'return { { name = "x", expect = {} }, 42 }' >"$T/pk/rules/size_mismatch.test.lua"
cat >"$T/pk/rules/below_line.test/below/expect" <<'TXT'
found household:H1
what is this
TXT
run_hk "$T/out" "$T/err" test "$T/pk"
grep -q "^not ok - sample.size-mismatch: case 2" "$T/out" && grep -q "size_mismatch.test.lua: case 2 is not a table" "$T/out" &&
	grep -q "expect:2: not 'as_of DATE'" "$T/out" && ok "broken test files are failures that say where" ||
	not_ok "broken test files: $(cat "$T/out")"
cat >"$T/pk/rules/size_mismatch.test.lua" <<'LUA'
return { { name = "bad date", data = { households = { { id = "H1", village_code = "1", size = 1, status = "poor",
	registered_year = 2016, exit_year = "soon" } } }, expect = {} } }
LUA
run_hk "$T/out" "$T/err" test "$T/pk/rules/size_mismatch.lua"
grep -q "^not ok - sample.size-mismatch: bad date" "$T/out" && grep -q "data.households\[1\]: column exit_year.*'soon'" "$T/out" &&
	ok "a case registry that breaks the contract names the row (data.households[1]) and the column" || not_ok "contract: $(cat "$T/out")"
run_hk "$T/out" "$T/err" test
[ "$rc" -eq 2 ] && ok "test without args is a usage error" || not_ok "test no args"

# a test file that does not even run is one failure naming the file
echo 'return { { name = "x", expect = {} }, nil + 1 }' >"$T/pk/rules/size_mismatch.test.lua"
run_hk "$T/out" "$T/err" test "$T/pk/rules/size_mismatch.lua"
grep -q "^not ok - sample.size-mismatch: (test file)" "$T/out" && grep -q "size_mismatch.test.lua:1: attempt to perform arithmetic" "$T/out" &&
	ok "a test file that errors is one failure with file:line" || not_ok "test file error: $(cat "$T/out")"

# --case NAME where the rule file holding it does not load: the load failure
# is reported as a failed test with the summary line, not "no case of that name"
"$HUIKAN" new pack "$T/cp" >/dev/null && "$HUIKAN" new rule "$T/cp" local.a >/dev/null
sed -i '1i local x = require "nosuch"' "$T/cp/rules/local.a.lua"
run_hk "$T/out" "$T/err" test "$T/cp" --case "TODO: what the rule must find"
check "--case in a rule file that does not load: exit 1 (a test failed)" test "$rc" -eq 1
check "... says the file did not load" grep -q "^not ok - rule file did not load: $T/cp/rules/local.a.lua:1: module 'nosuch' not found" "$T/out"
check "... ends with the summary line" test "$(tail -1 "$T/out")" = "0 passed, 1 failed"
check "... and not with 'no case of that name'" sh -c "! grep -q 'no case of that name' '$T/err'"

# a rule file outside any pack may require the plugins, as in a pack (it
# said "module 'period' not found: no file '.../plugins/period.lua'", a
# file that was there)
mkdir -p "$T/loose"
sed 's/^local x = require "nosuch"$/local period = require "period"/' "$T/cp/rules/local.a.lua" >"$T/loose/local.a.lua"
"$HUIKAN" import --quiet --db "$T/loose.db" "$ROOT/tests/fixtures/small" >/dev/null
run_hk "$T/out" "$T/err" run "$T/loose/local.a.lua" --db "$T/loose.db" -q
check "a loose rule file that requires a plugin runs (exit 0 or 1)" test "$rc" -le 1
check "... with no load error" sh -c "! grep -q 'not found' '$T/err'"
